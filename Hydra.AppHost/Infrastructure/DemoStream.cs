using Hydra.Core;
using Microsoft.Extensions.Configuration;

namespace Hydra.AppHost.Infrastructure;

/// <summary>
/// Iolaus playing a live run into Inference's HTTP ingest, so a fresh start has something to show:
/// the demo schedule (Hydra.Iolaus/Schedules/demo-run.txt) with an ECAL HV trip, a DC crate loss and
/// a beam-off stretch. On by default; <c>Hydra:Demo:Enabled=false</c> turns it off for a real experiment.
/// </summary>
public static class DemoStream
{
    public const string EnabledKey = "Hydra:Demo:Enabled";
    public const string IntervalKey = "Hydra:Demo:IntervalSeconds";
    public const string PlotsKey = "Hydra:Demo:Plots";

    public static void AddDemoStream(this IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> inference)
    {
        if (!builder.Configuration.GetValue(EnabledKey, true)) return;

        var iolausFolder = Path.GetDirectoryName(new Projects.Hydra_Iolaus().ProjectPath)!;
        var interval = builder.Configuration.GetValue(IntervalKey, 30);
        var plots = builder.Configuration[PlotsKey];
        // Iolaus is a remote source like any other: it sends an ingest key, fresh at each start,
        // which Inference stores (hashed) under the name "demo"; an Admin can revoke it.
        var ingestKey = builder.AddParameter("demo-ingest-key", "hyd_" + HydraSecrets.RandomSecret(), secret: true);
        inference.WithEnvironment("Hydra__Auth__IngestKeys__demo", ingestKey);
        builder.AddProject<Projects.Hydra_Iolaus>(HydraResources.Iolaus)
            .WithArgs(context =>
            {
                string[] arguments = ["stream", "--post"];
                foreach (var argument in arguments) context.Args.Add(argument);
                context.Args.Add(inference.GetEndpoint("http"));
                foreach (var argument in new[] { "--run", "next", "--interval", interval.ToString(), "--schedule", Path.Combine(iolausFolder, "Schedules", "demo-run.txt") })
                {
                    context.Args.Add(argument);
                }
                if (!string.IsNullOrWhiteSpace(plots))
                {
                    context.Args.Add("--plots");
                    context.Args.Add(plots);
                }
            })
            .WithReference(inference).WaitFor(inference)
            .WithEnvironment(Hydra.Core.Accounts.ServiceHeaders.ApiKeyVariable, ingestKey)
            .WithQuickShutdown();
    }
}
