using System.Globalization;
using System.Text;
using Hydra.Core.Detectors;

namespace Hydra.Core.TranslationTables;

/// <summary>
/// CCDB's text table format: <c>#meta key: value</c> lines, a <c>#&amp;</c> line naming the
/// columns, other <c>#</c> lines as comments, and whitespace-separated rows.
/// </summary>
public static class CcdbTextFormat
{
    public static readonly string[] Columns = ["crate", "slot", "channel", "sector", "layer", "component", "order"];

    public static string Write(TranslationTable table)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in table.Meta.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            text.Append("#meta ").Append(key).Append(": ").Append(value).Append('\n');
        }
        text.Append("# /daq/tt/").Append(table.Detector.Name.ToLowerInvariant())
            .Append(": electronics (crate, slot, channel) to detector (sector, layer, component, order)\n");
        text.Append("#& ").Append(string.Join(' ', Columns)).Append('\n');
        foreach (var row in table.Rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"{row.Address.Crate} {row.Address.Slot} {row.Address.Channel} {row.Sector} {row.Layer} {row.Component} {row.Order}\n");
        }
        return text.ToString();
    }

    /// <summary>Reads a table; a malformed line fails with its line number and what is wrong.</summary>
    public static TranslationTable Read(string text, DetectorGeometry detector)
    {
        var meta = new Dictionary<string, string>();
        var rows = new List<TranslationRow>();
        int[]? columnOrder = null;
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.Length == 0) continue;
            if (line.StartsWith("#meta", StringComparison.Ordinal))
            {
                var colon = line.IndexOf(':');
                if (colon < 0) throw Error(lineNumber, "a #meta line needs 'key: value'");
                meta[line[5..colon].Trim()] = line[(colon + 1)..].Trim();
            }
            else if (line.StartsWith("#&", StringComparison.Ordinal))
            {
                columnOrder = ParseColumns(line[2..], lineNumber);
            }
            else if (line.StartsWith('#'))
            {
                continue;
            }
            else
            {
                if (columnOrder is null) throw Error(lineNumber, "a row comes before the '#&' line that names the columns");
                rows.Add(ParseRow(line, columnOrder, lineNumber));
            }
        }
        try
        {
            return new TranslationTable(detector, rows, meta);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException(ex.Message, ex);
        }
    }

    private static int[] ParseColumns(string header, int lineNumber)
    {
        var names = header.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var order = Columns.Select(c => Array.FindIndex(names, n => n.Equals(c, StringComparison.OrdinalIgnoreCase))).ToArray();
        var missing = Columns.Where((_, i) => order[i] < 0).ToList();
        if (missing.Count > 0) throw Error(lineNumber, $"the '#&' line lacks the column(s) {string.Join(", ", missing)}");
        return order;
    }

    private static TranslationRow ParseRow(string line, int[] columnOrder, int lineNumber)
    {
        var cells = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (cells.Length < columnOrder.Max() + 1) throw Error(lineNumber, $"expected {Columns.Length} values, found {cells.Length}");
        var values = new int[Columns.Length];
        for (var i = 0; i < Columns.Length; i++)
        {
            if (!int.TryParse(cells[columnOrder[i]], NumberStyles.Integer, CultureInfo.InvariantCulture, out values[i]))
                throw Error(lineNumber, $"{Columns[i]} '{cells[columnOrder[i]]}' is not a whole number");
        }
        return new TranslationRow(new ElectronicsAddress(values[0], values[1], values[2]), values[3], values[4], values[5], values[6]);
    }

    private static FormatException Error(int line, string message) => new($"line {line}: {message}");
}
