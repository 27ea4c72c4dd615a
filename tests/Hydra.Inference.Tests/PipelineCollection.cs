using Hydra.Testing;

namespace Hydra.Inference.Tests;

/// <summary>One PostgreSQL and one redis-server for every pipeline test, started once.</summary>
public sealed class LocalServersFixture : LocalServers, IAsyncLifetime
{
    public Task InitializeAsync() => StartAsync();
    public Task DisposeAsync() => StopAsync();
}

[CollectionDefinition(Name)]
public sealed class PipelineCollection : ICollectionFixture<LocalServersFixture>
{
    public const string Name = "pipeline";
}
