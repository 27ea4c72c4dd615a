using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Microsoft.Extensions.Hosting;

/// <summary>Hydra's own trace source and meter, exported next to ASP.NET Core's.</summary>
public static class HydraTelemetry
{
    public const string ActivitySourceName = "Hydra";
    public const string MeterName = "Hydra";

    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);
    public static readonly Meter Meter = new(MeterName);
}
