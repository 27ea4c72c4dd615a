using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hydra.Inference.Ingest;
using SkiaSharp;
using Xunit.Abstractions;

namespace Hydra.Inference.Tests;

/// <summary>
/// Seeded fuzzing of everything a stranger can send Inference: uploads (random bytes, truncated and
/// bit-flipped PNGs, decompression bombs, absurd dimensions, hostile names and fields), files dropped
/// in the inbox, and every GET endpoint of the OpenAPI document with hostile query and path values.
/// Each test reports how many inputs it tried and asserts no 5xx answer and no corrupt or partial row.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class FuzzTests(LocalServersFixture servers, ITestOutputHelper output) : PipelineTestBase(servers)
{
    private readonly string _inbox = Path.Combine(Path.GetTempPath(), $"hydra-fuzz-{Guid.NewGuid():N}"[..20]);

    private static readonly string[] HostileText =
    [
        "", " ", "-1", "0", "2147483648", "99999999999999999999999", "1e309", "NaN", "abc", "../../etc/passwd", "..\\..\\boot.ini",
        "%00", "\0", "' OR 1=1 --", "\"; DROP TABLE images; --", "ünïcødé_plöt", "😀_adc", "ECAL_adc\nSet-Cookie: x", new string('9', 400),
        new string('A', 5000), "2026-13-45T25:61:00Z", "null", "true", "{\"a\":1}", "<script>alert(1)</script>",
    ];

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Hydra:Ingest:InboxPath"] = _inbox;
        settings["Hydra:Ingest:InboxScanInterval"] = "00:00:00.100";
        settings["Hydra:Ingest:InboxSettleTime"] = "00:00:00.200";
        settings["Hydra:Ingest:MaxImageBytes"] = "2000000";
    }

    [Fact]
    public async Task Hostile_uploads_get_4xx_or_are_stored_whole()
    {
        var random = new Random(20261127);
        var bomb = Bomb(4000, 4000); // 16 million pixels of white in a few kB: legal, but a decoder's worst case
        var accepted = new HashSet<long>();
        var tried = 0;
        var answers = new Dictionary<HttpStatusCode, int>();
        for (var i = 0; i < 240; i++)
        {
            var (png, kind) = HostilePng(random, i, bomb);
            var hostileFields = random.Next(2) == 0;
            string Field(string wellFormed) => hostileFields && random.Next(3) == 0 ? Pick(random) : wellFormed;
            var form = new MultipartFormDataContent
            {
                { new StringContent(Field((7000 + random.Next(3)).ToString())), "run" },
                { new StringContent(Field($"FUZZ_plot{random.Next(3)}")), "plot" },
                { new StringContent(Field(i.ToString())), "chunk" },
            };
            if (hostileFields && random.Next(3) == 0) form.Add(new StringContent(Pick(random)), "beam");
            if (hostileFields && random.Next(3) == 0) form.Add(new StringContent(Pick(random)), "time");
            // A hostile file name travels as filename* (RFC 5987), as a browser sends a name it cannot quote.
            var file = new ByteArrayContent(png);
            file.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("form-data")
            {
                Name = "\"file\"", FileNameStar = hostileFields && random.Next(3) == 0 ? Pick(random) + ".png" : "image.png",
            };
            form.Add(file);

            var response = await Api.PostAsync("/api/v1/images", form);
            tried++;
            answers[response.StatusCode] = answers.GetValueOrDefault(response.StatusCode) + 1;
            Assert.True((int)response.StatusCode < 500, $"input {i} ({kind}) got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\nthe replica logged:\n{Host.Logs}");
            if (kind is "valid PNG" or "decompression bomb" && !hostileFields)
                Assert.True(response.IsSuccessStatusCode, $"input {i} ({kind}, well-formed fields) was refused: {await response.Content.ReadAsStringAsync()}");
            if (response.IsSuccessStatusCode)
            {
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                accepted.Add(body.RootElement.GetProperty("imageId").GetInt64());
            }
        }

        output.WriteLine($"{tried} uploads tried: {string.Join(", ", answers.OrderBy(a => a.Key).Select(a => $"{(int)a.Key} x{a.Value}"))}");
        Assert.True(answers.Keys.Any(s => (int)s is >= 400 and < 500) && accepted.Count > 0, "the fuzzer reached both refusals and acceptance");
        Assert.Equal(accepted.Count, await ScalarAsync("SELECT count(*) FROM images"));
        await AssertNoPartialRowsAsync();
    }

    [Fact]
    public async Task Hostile_files_in_the_inbox_are_refused_or_stored_whole_and_none_is_lost()
    {
        var random = new Random(11);
        var names = new List<(string Folder, string Name)>();
        var mustStore = 0;
        for (var i = 0; i < 40; i++)
        {
            var (png, kind) = HostilePng(random, i, bomb: null);
            var folder = random.Next(4) == 0 ? Sanitize(Pick(random)) : "7100";
            var name = random.Next(3) == 0 ? $"{Sanitize(Pick(random))}_{i:0000}.png" : $"FUZZ_inbox_{i:0000}.png";
            if (folder.Length == 0 || name.StartsWith('.')) continue;
            if (kind == "valid PNG" && folder == "7100" && name.StartsWith("FUZZ_", StringComparison.Ordinal)) mustStore++;
            var path = Path.Combine(_inbox, folder, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, png);
            names.Add((folder, name));
        }

        // Every file leaves the inbox: stored (then removed) or moved to .rejected beside its reason.
        await WaitUntilAsync(() => Task.FromResult(names.All(n => !File.Exists(Path.Combine(_inbox, n.Folder, n.Name)))), "the inbox to empty", TimeSpan.FromSeconds(60));
        var rejected = Directory.Exists(Path.Combine(_inbox, InboxWatcher.RejectedFolder))
            ? Directory.EnumerateFiles(Path.Combine(_inbox, InboxWatcher.RejectedFolder), "*.reason.txt", SearchOption.AllDirectories).Count()
            : 0;
        var stored = await ScalarAsync("SELECT count(*) FROM images");
        output.WriteLine($"{names.Count} inbox files tried: {stored} stored, {rejected} refused with a reason");
        foreach (var reason in Directory.EnumerateFiles(_inbox, "*.reason.txt", SearchOption.AllDirectories)) output.WriteLine($"  {Path.GetFileName(reason)}: {await File.ReadAllTextAsync(reason)}");
        Assert.Equal(names.Count, stored + rejected);
        Assert.True(mustStore > 0 && stored >= mustStore, $"{mustStore} valid PNGs with good names, {stored} stored");
        await AssertNoPartialRowsAsync();
    }

    [Fact]
    public async Task Every_get_endpoint_answers_hostile_parameters_without_a_server_error()
    {
        await PostImageAsync(TestPngs.Grey(90, salt: 1), 7200, "FUZZ_api", 1); // some data for the endpoints to read
        using var openApi = JsonDocument.Parse(await Api.GetStringAsync("/openapi/v1.json"));
        var random = new Random(3);
        var tried = 0;
        foreach (var path in openApi.RootElement.GetProperty("paths").EnumerateObject())
        {
            if (!path.Value.TryGetProperty("get", out var get)) continue;
            var parameters = get.TryGetProperty("parameters", out var list) ? list.EnumerateArray().Select(p => (Name: p.GetProperty("name").GetString()!, In: p.GetProperty("in").GetString()!)).ToList() : [];
            foreach (var value in HostileText.Take(HostileText.Length))
            {
                var url = new StringBuilder(path.Name);
                // The in-process test server refuses to even send a path with NUL (Kestrel answers 400 to one).
                foreach (var p in parameters.Where(p => p.In == "path")) url.Replace("{" + p.Name + "}", Uri.EscapeDataString(value.Length == 0 || value.Contains('\0') ? "x" : value));
                var query = parameters.Where(p => p.In == "query").Select(p => $"{p.Name}={Uri.EscapeDataString(random.Next(3) == 0 ? Pick(random) : value)}").ToList();
                var target = query.Count == 0 ? url.ToString() : $"{url}?{string.Join('&', query)}";
                var response = await Api.GetAsync(target);
                tried++;
                Assert.True((int)response.StatusCode < 500, $"GET {target} got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\nthe replica logged:\n{Host.Logs}");
            }
        }
        output.WriteLine($"{tried} GET requests tried over the OpenAPI document's endpoints");
        Assert.True(tried > 200, $"only {tried} requests: the OpenAPI document lost its endpoints?");
    }

    [Fact]
    public async Task Hostile_json_bodies_get_4xx_and_change_nothing()
    {
        var image = await PostImageAsync(TestPngs.Grey(90, salt: 2), 7300, "FUZZ_labels", 1);
        var tried = 0;
        foreach (var text in HostileText)
        {
            var bodies = new (string Path, HttpContent Body)[]
            {
                ("/api/v1/labels", JsonContent.Create(new { labeller = text, changes = new[] { new { imageId = image.ImageId, classification = "Good" } } })),
                ("/api/v1/labels", JsonContent.Create(new { labeller = "fuzzer", changes = new[] { new { imageId = image.ImageId, classification = text } } })),
                ("/api/v1/plot-types/FUZZ_labels/models/train", JsonContent.Create(new { requestedBy = text, epochs = 1 })),
                ("/api/v1/labels", new StringContent("{\"labeller\": \"" + text.Replace("\"", "") + "\", \"changes\": [", Encoding.UTF8, "application/json")),
            };
            foreach (var (path, body) in bodies)
            {
                var response = await Api.PostAsync(path, body);
                tried++;
                Assert.True((int)response.StatusCode < 500, $"POST {path} with '{text}' got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\nthe replica logged:\n{Host.Logs}");
            }
        }
        output.WriteLine($"{tried} hostile JSON bodies tried");
        // Odd but storable names may label; no class outside Hydra's vocabulary and no half-applied batch may remain.
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM image_labels WHERE classification NOT IN ('Good','Bad','NoData','Acceptable','HotChannel','Ignore')"));
        Assert.Equal(await ScalarAsync("SELECT count(*) FROM label_changes"), await ScalarAsync("SELECT count(*) FROM label_changes c WHERE EXISTS (SELECT 1 FROM image_labels l WHERE l.image_id = c.image_id) OR c.new_classification IS NULL"));
    }

    /// <summary>No image without its bytes, no bytes that are not the image's (hash and size), no bytes without an image.</summary>
    private async Task AssertNoPartialRowsAsync()
    {
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM images i WHERE i.pruned_at IS NULL AND NOT EXISTS (SELECT 1 FROM image_contents c WHERE c.image_id = i.id)"));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM images i JOIN image_contents c ON c.image_id = i.id WHERE sha256(c.png) <> i.content_sha256 OR length(c.png) <> i.size_bytes"));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM image_contents c WHERE NOT EXISTS (SELECT 1 FROM images i WHERE i.id = c.image_id)"));
    }

    private static string Pick(Random random) => HostileText[random.Next(HostileText.Length)];

    private static string Sanitize(string text) =>
        new(text.Where(c => c is not ('/' or '\\' or '\0') && !char.IsControl(c)).Take(100).ToArray());

    private static (byte[] Png, string Kind) HostilePng(Random random, int salt, byte[]? bomb)
    {
        var good = TestPngs.Grey((byte)random.Next(256), salt, width: 16 + random.Next(64), height: 16 + random.Next(48));
        switch (random.Next(bomb is null ? 8 : 9))
        {
            case 0: return (RandomBytes(random, random.Next(1, 4000)), "random bytes");
            case 1: return (good[..random.Next(1, good.Length)], "truncated PNG");
            case 2:
                var flipped = (byte[])good.Clone();
                for (var k = 0; k < 1 + random.Next(8); k++) flipped[8 + random.Next(flipped.Length - 8)] ^= (byte)(1 << random.Next(8));
                return (flipped, "bit-flipped PNG");
            case 3: return (TestPngs.DeclaringSize((uint)random.Next(), (uint)random.Next()), "absurd declared size");
            case 4: return ([.. good, .. RandomBytes(random, random.Next(1, 500))], "PNG with trailing junk");
            case 5: return ([], "empty file");
            case 6: return (good[..Math.Min(good.Length, 33)], "header only");
            case 7: return (good, "valid PNG");
            default: return (bomb!, "decompression bomb");
        }
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Bomb(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Gray8, SKAlphaType.Opaque);
        bitmap.Erase(SKColors.White);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_inbox)) Directory.Delete(_inbox, recursive: true);
    }
}
