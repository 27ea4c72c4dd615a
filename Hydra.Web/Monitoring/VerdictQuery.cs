using System.Globalization;

namespace Hydra.Web.Monitoring;

/// <summary>The filters Inference's list endpoints share (verdicts, alarms, episodes), written as a query string.</summary>
public sealed record VerdictQuery(
    int? Run = null,
    string? Detector = null,
    string? Plot = null,
    string? Classification = null,
    bool? Confirmed = null,
    bool? ByModel = null,
    bool? Active = null,
    Hydra.Core.Monitoring.AlarmKind? Kind = null,
    bool? Open = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int? Limit = null)
{
    public override string ToString()
    {
        var parts = new List<string>();
        void Add(string name, object? value)
        {
            if (value is null || value is string { Length: 0 }) return;
            var text = value switch
            {
                DateTimeOffset time => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
                bool flag => flag ? "true" : "false",
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString()!,
            };
            parts.Add($"{name}={Uri.EscapeDataString(text)}");
        }
        Add("run", Run);
        Add("detector", Detector);
        Add("plot", Plot);
        Add("classification", Classification);
        Add("confirmed", Confirmed);
        Add("byModel", ByModel);
        Add("active", Active);
        Add("kind", Kind);
        Add("open", Open);
        Add("from", From);
        Add("to", To);
        Add("limit", Limit);
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
