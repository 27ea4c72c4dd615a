using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Hydra.Assistant.Tools;

namespace Hydra.Assistant.Chat;

/// <summary>
/// Lets streamed text through but checks every citation ([alarm:12], [logbook:5], [image:88])
/// against the sources the turn's tools returned: an unknown one is removed before it is shown.
/// Text from a '[' that may start a citation is held back until the ']' (at most a few characters),
/// so a person never sees a citation that is then taken away.
/// </summary>
public sealed partial class CitationFilter(TurnSources sources)
{
    private const int MaxCitationLength = 32;
    private readonly StringBuilder _pending = new();
    private readonly List<Source> _cited = [];

    public int Removed { get; private set; }

    /// <summary>Valid sources in the order the answer first cited them.</summary>
    public IReadOnlyList<Source> Cited => _cited;

    /// <summary>The text that can be shown now.</summary>
    public string Push(string text)
    {
        _pending.Append(text);
        var buffered = _pending.ToString();
        var open = buffered.LastIndexOf('[');
        var safe = open >= 0 && buffered.IndexOf(']', open) < 0 && buffered.Length - open < MaxCitationLength ? open : buffered.Length;
        _pending.Clear().Append(buffered[safe..]);
        return Clean(buffered[..safe]);
    }

    /// <summary>Whatever is left at the end.</summary>
    public string Flush()
    {
        var rest = _pending.ToString();
        _pending.Clear();
        return Clean(rest);
    }

    private string Clean(string text) => CitationPattern().Replace(text, match =>
    {
        var kind = Enum.Parse<SourceKind>(match.Groups["kind"].Value, ignoreCase: true);
        var id = long.Parse(match.Groups["id"].Value, CultureInfo.InvariantCulture);
        if (sources.TryGet(kind, id, out var source))
        {
            if (!_cited.Contains(source!)) _cited.Add(source!);
            return match.Value.ToLowerInvariant();
        }
        Removed++;
        return "";
    });

    [GeneratedRegex(@"\[(?<kind>alarm|logbook|image)\s*[:#]\s*(?<id>\d{1,18})\]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CitationPattern();
}
