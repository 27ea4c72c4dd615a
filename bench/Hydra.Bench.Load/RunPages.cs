using System.Text.Json;
using Hydra.Testing;
using Microsoft.Playwright;

namespace Hydra.Bench.Load;

/// <summary>
/// Run pages open in Debian's headless Chromium, each a real Blazor circuit on Web (SignalR over a
/// WebSocket), all in one browser signed in once as the Admin. Each page records, in the page itself,
/// when a plot card shows a new image (a MutationObserver on the cards' data-image: the DOM has
/// changed, the paint follows), so the time from a verdict event to the page is measured where a
/// person would see it. A card names its image (data-image), so each update is one verdict exactly. Timers in background pages are not throttled: every page stands for a screen.
/// </summary>
public sealed class RunPages : IAsyncDisposable
{
    private const string Recorder = """
        window.__hydraUpdates = [];
        new MutationObserver(records => {
          const now = Date.now();
          for (const record of records) {
            const nodes = record.type === 'attributes' ? [record.target] : [...record.addedNodes];
            for (const node of nodes) {
              if (node.nodeType !== 1) continue;
              const cards = node.matches('article.plot-card') ? [node] : node.querySelectorAll('article.plot-card');
              for (const card of cards) window.__hydraUpdates.push([Number(card.dataset.image), now]);
            }
          }
        }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-image'] });
        """;

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IBrowserContext? _context;
    private readonly List<IPage> _pages = [];

    /// <summary>The browser's processes: Playwright's driver (node) and Chromium under it, children of this process.</summary>
    public static IReadOnlyCollection<int> BrowserRoots(IReadOnlyCollection<int> services)
    {
        var self = Environment.ProcessId;
        var roots = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || services.Contains(pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                if (int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]) == self) roots.Add(pid);
            }
            catch (Exception exception) when (exception is IOException or FormatException) { }
        }
        return roots;
    }

    public int Count => _pages.Count;

    public async Task OpenAsync(Uri web, string user, string password, int count)
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright, "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows");
        _context = await _browser.NewContextAsync(new() { BaseURL = web.ToString(), ViewportSize = new() { Width = 1600, Height = 1000 } });
        await _context.AddInitScriptAsync(Recorder);
        var first = await _context.NewPageAsync();
        await Chromium.SignInAsync(first, user, password, "/");
        _pages.Add(first);
        while (_pages.Count < count)
        {
            var page = await _context.NewPageAsync();
            await page.GotoAsync("/");
            _pages.Add(page);
        }
        foreach (var page in _pages) await Chromium.WaitUntilInteractiveAsync(page);
    }

    /// <summary>Every page's card updates since the last call: (page, image id, Unix ms), the first time each page showed each image.</summary>
    public async Task<List<(int Page, long ImageId, long At)>> TakeUpdatesAsync()
    {
        var updates = new List<(int, long, long)>();
        for (var i = 0; i < _pages.Count; i++)
        {
            var json = await _pages[i].EvaluateAsync<string>("() => { const u = JSON.stringify(window.__hydraUpdates); window.__hydraUpdates = []; return u; }");
            var seen = new HashSet<long>();
            foreach (var entry in JsonSerializer.Deserialize<double[][]>(json) ?? [])
            {
                if (seen.Add((long)entry[0])) updates.Add((i, (long)entry[0], (long)entry[1]));
            }
        }
        return updates;
    }

    /// <summary>The run number each page shows (its heading), to check they all watch the newest run.</summary>
    public async Task<List<string>> HeadingsAsync()
    {
        var headings = new List<string>();
        foreach (var page in _pages) headings.Add((await page.Locator("[data-testid='run-number']").InnerTextAsync()).Trim());
        return headings;
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is not null) await _context.DisposeAsync();
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
