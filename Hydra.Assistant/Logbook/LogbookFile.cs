using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;

namespace Hydra.Assistant.Logbook;

/// <summary>An entry as read from a file, before it is checked; <see cref="Line"/> is where it starts.</summary>
public sealed record LogbookRow(int Line, string? Title, string? Body, string? Author, string? Time, IReadOnlyList<string> Tags, string? Run, string? LogNumber);

/// <summary>A row that could not be imported, and why.</summary>
public sealed record LogbookRowError(int Line, string Error);

/// <summary>
/// Reads logbook exports: the JSON array and the CSV (header <c>title,body,author,time,tags,run</c>,
/// tags joined by ';') that <c>iolaus logbook</c> writes, which are also what an HBLOG export maps
/// to. A row that cannot be read is reported with its line and the others are still returned.
/// </summary>
public static class LogbookFile
{
    public enum Format { Json, Csv }

    public static Format? FormatOf(string? fileNameOrContentType) => fileNameOrContentType?.ToLowerInvariant() switch
    {
        { } n when n.EndsWith(".json") || n.Contains("json") => Format.Json,
        { } n when n.EndsWith(".csv") || n.Contains("csv") => Format.Csv,
        _ => null,
    };

    /// <summary>Guesses from the first character when neither name nor content type says.</summary>
    public static Format Sniff(string text) => text.TrimStart().StartsWith('[') ? Format.Json : Format.Csv;

    public static (List<LogbookRow> Rows, List<LogbookRowError> Errors) Read(string text, Format format) =>
        format == Format.Json ? ReadJson(text) : ReadCsv(text);

    private static (List<LogbookRow>, List<LogbookRowError>) ReadJson(string text)
    {
        var rows = new List<LogbookRow>();
        var errors = new List<LogbookRowError>();
        var bytes = Encoding.UTF8.GetBytes(text);
        var lineStarts = LineStarts(bytes);
        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                errors.Add(new(1, "a JSON logbook is an array of entries: [{\"title\": ..., \"body\": ..., \"author\": ..., \"time\": ..., \"tags\": [...], \"runNumber\": ...}]"));
                return (rows, errors);
            }
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var line = LineOf(lineStarts, reader.TokenStartIndex);
                using var element = JsonDocument.ParseValue(ref reader);
                if (element.RootElement.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(new(line, $"expected an entry object, found {element.RootElement.ValueKind}"));
                    continue;
                }
                rows.Add(FromJson(line, element.RootElement));
            }
        }
        catch (JsonException exception)
        {
            // The rest of a broken file cannot be read; what came before still counts.
            errors.Add(new((int)(exception.LineNumber ?? 0) + 1, $"not valid JSON from here on: {exception.Message.Split(" Path:")[0]}"));
        }
        return (rows, errors);
    }

    private static LogbookRow FromJson(int line, JsonElement entry)
    {
        string? Text(params string[] names)
        {
            foreach (var property in entry.EnumerateObject())
            {
                if (!names.Any(n => string.Equals(n, property.Name, StringComparison.OrdinalIgnoreCase))) continue;
                return property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Number => property.Value.GetRawText(),
                    JsonValueKind.Null => null,
                    _ => property.Value.GetRawText(),
                };
            }
            return null;
        }

        var tags = new List<string>();
        foreach (var property in entry.EnumerateObject().Where(p => p.NameEquals("tags") || p.NameEquals("Tags")))
        {
            if (property.Value.ValueKind == JsonValueKind.Array)
            {
                tags.AddRange(property.Value.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!));
            }
            else if (property.Value.ValueKind == JsonValueKind.String)
            {
                tags.AddRange(SplitTags(property.Value.GetString()));
            }
        }
        return new LogbookRow(line, Text("title"), Text("body", "text"), Text("author"), Text("time", "createdAt", "created"),
            tags, Text("runNumber", "run"), Text("logNumber", "lognumber", "log_number"));
    }

    private static (List<LogbookRow>, List<LogbookRowError>) ReadCsv(string text)
    {
        var rows = new List<LogbookRow>();
        var errors = new List<LogbookRowError>();
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
            MissingFieldFound = null,
            HeaderValidated = null,
            BadDataFound = null,
            DetectColumnCountChanges = false,
        };
        using var csv = new CsvReader(new StringReader(text), configuration);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header || !header.Any(h => h.Trim().Equals("title", StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add(new(1, "a CSV logbook starts with a header line: title,body,author,time,tags,run"));
            return (rows, errors);
        }
        var columns = header.Select(h => h.Trim().ToLowerInvariant()).ToList();
        string? Field(string[] names)
        {
            foreach (var name in names)
            {
                var index = columns.IndexOf(name);
                if (index >= 0 && csv.TryGetField<string>(index, out var value)) return string.IsNullOrEmpty(value) ? null : value;
            }
            return null;
        }

        while (true)
        {
            bool more;
            int line;
            try
            {
                more = csv.Read();
                line = csv.Parser.RawRow;
            }
            catch (CsvHelperException exception)
            {
                errors.Add(new(csv.Parser.RawRow, $"unreadable CSV: {exception.Message.Split('\n')[0]}"));
                break;
            }
            if (!more) break;
            if (csv.Parser.Count != columns.Count)
            {
                errors.Add(new(line, $"{csv.Parser.Count} fields where the header names {columns.Count}"));
                continue;
            }
            rows.Add(new LogbookRow(line, Field(["title"]), Field(["body", "text"]), Field(["author"]), Field(["time", "createdat", "created"]),
                SplitTags(Field(["tags"])), Field(["run", "runnumber", "run_number"]), Field(["lognumber", "log_number"])));
        }
        return (rows, errors);
    }

    private static List<string> SplitTags(string? tags) =>
        tags is null ? [] : [.. tags.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static List<int> LineStarts(byte[] bytes)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < bytes.Length; i++) if (bytes[i] == (byte)'\n') starts.Add(i + 1);
        return starts;
    }

    private static int LineOf(List<int> lineStarts, long offset)
    {
        var index = lineStarts.BinarySearch((int)offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }
}
