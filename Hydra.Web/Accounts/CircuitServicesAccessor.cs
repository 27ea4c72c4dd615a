using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Hydra.Web.Accounts;

/// <summary>
/// The circuit's services while the circuit handles a person's input. HttpClient message handlers
/// live in their own DI scope, so they cannot inject the circuit's AuthenticationStateProvider; this
/// is the pattern the ASP.NET Core docs give for reaching it ("Access server-side Blazor services
/// from a different DI scope").
/// </summary>
public sealed class CircuitServicesAccessor
{
    private static readonly AsyncLocal<IServiceProvider?> Current = new();

    public IServiceProvider? Services
    {
        get => Current.Value;
        set => Current.Value = value;
    }
}

internal sealed class ServicesAccessorCircuitHandler(IServiceProvider services, CircuitServicesAccessor accessor) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            accessor.Services = services;
            await next(context);
            accessor.Services = null;
        };
}
