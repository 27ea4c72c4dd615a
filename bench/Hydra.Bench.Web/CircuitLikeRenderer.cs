using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.RenderTree;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hydra.Bench.Web;


/// <summary>
/// One open page as a Blazor Server circuit holds it: Blazor's renderer (the same component
/// lifecycle and diffing), its own dispatcher, and every render batch serialised with the circuit's
/// own <c>RenderBatchWriter</c> the moment it is ready, as <c>RemoteRenderer.UpdateDisplayAsync</c>
/// does before sending it. Each batch is timestamped there, so "when did this page render the burst"
/// is read from the page's own render, not from serialising its HTML afterwards (which put 100 pages'
/// HTML through 2 cores one after another and counted that into the later pages' figures).
/// </summary>
sealed class CircuitLikeRenderer : Renderer
{
    /// <summary>
    /// The circuit's batch writer is internal to Microsoft.AspNetCore.Components.Server; it is called
    /// by reflection so the bench pays exactly what a circuit pays for a diff (the byte format sent
    /// over SignalR), not an imitation of it.
    /// </summary>
    private static readonly Type? BatchWriter = typeof(Microsoft.AspNetCore.Components.Server.CircuitOptions).Assembly
        .GetType("Microsoft.AspNetCore.Components.Server.Circuits.RenderBatchWriter");
    private static readonly MethodInfo? Write = BatchWriter?.GetMethod("Write");

    public static bool SerialisesLikeACircuit => Write is not null;

    private readonly Dispatcher _dispatcher = Dispatcher.CreateDefault();
    private readonly string _marker;
    private string _markerValue = "";
    private Stopwatch? _clock;

    /// <param name="services">The page's DI scope.</param>
    /// <param name="marker">The attribute whose new value shows that an element rendered the burst (the cards' <c>data-chunk</c>).</param>
    public CircuitLikeRenderer(IServiceProvider services, string marker) : base(services, NullLoggerFactory.Instance) => _marker = marker;

    public override Dispatcher Dispatcher => _dispatcher;

    protected override RendererInfo RendererInfo { get; } = new("Server", isInteractive: true);

    /// <summary>How many attributes carrying the marker value the batches since <see cref="StartCounting"/> set.</summary>
    public int MarkersRendered { get; private set; }

    /// <summary>Time of the batch that brought <see cref="MarkersRendered"/> to the expected count.</summary>
    public TimeSpan? CompletedAt { get; private set; }

    public int Expected { get; private set; }

    /// <summary>Bytes and batches sent since <see cref="StartCounting"/>, as a circuit would send them.</summary>
    public long BytesSent { get; private set; }
    public int Batches { get; private set; }

    /// <summary>Time the renderer spent rendering, diffing and serialising since <see cref="StartCounting"/>.</summary>
    public TimeSpan Busy { get; private set; }

    /// <summary>From now on, count the batches' marker attributes set to <paramref name="value"/>; call on the dispatcher.</summary>
    public void StartCounting(Stopwatch clock, string value, int expected)
    {
        (_clock, _markerValue, Expected, MarkersRendered, CompletedAt, BytesSent, Batches, Busy) = (clock, value, expected, 0, null, 0, 0, TimeSpan.Zero);
    }

    public async Task<int> RenderAsync<TComponent>() where TComponent : IComponent
    {
        return await _dispatcher.InvokeAsync(async () =>
        {
            var component = InstantiateComponent(typeof(TComponent));
            var id = AssignRootComponentId(component);
            await RenderRootComponentAsync(id); // completes when the page and its children finished their async work
            return id;
        });
    }

    protected override void ProcessPendingRender()
    {
        var started = Stopwatch.GetTimestamp();
        base.ProcessPendingRender();
        if (_clock is not null) Busy += Stopwatch.GetElapsedTime(started);
    }

    protected override Task UpdateDisplayAsync(in RenderBatch batch)
    {
        if (Write is not null)
        {
            using var bytes = new MemoryStream();
            using (var writer = (IDisposable)Activator.CreateInstance(BatchWriter!, bytes, true)!) Write.Invoke(writer, [batch]);
            if (_clock is not null) BytesSent += bytes.Length;
        }
        if (_clock is null) return Task.CompletedTask;
        Batches++;
        MarkersRendered += CountMarkers(batch);
        if (CompletedAt is null && MarkersRendered >= Expected) CompletedAt = _clock.Elapsed;
        return Task.CompletedTask;
    }

    /// <summary>The marker attributes this batch sets: changed on a kept element, or on a newly inserted one.</summary>
    private int CountMarkers(in RenderBatch batch)
    {
        var frames = batch.ReferenceFrames.Array;
        var count = 0;
        for (var d = 0; d < batch.UpdatedComponents.Count; d++)
        {
            var diff = batch.UpdatedComponents.Array[d];
            for (var e = 0; e < diff.Edits.Count; e++)
            {
                var edit = diff.Edits.Array[e];
                if (edit.Type == RenderTreeEditType.SetAttribute) count += IsMarker(frames[edit.ReferenceFrameIndex]) ? 1 : 0;
                else if (edit.Type == RenderTreeEditType.PrependFrame)
                {
                    var root = frames[edit.ReferenceFrameIndex];
                    var length = root.FrameType is RenderTreeFrameType.Element or RenderTreeFrameType.Region ? root.ElementSubtreeLength : 1;
                    for (var f = edit.ReferenceFrameIndex; f < edit.ReferenceFrameIndex + length; f++) count += IsMarker(frames[f]) ? 1 : 0;
                }
            }
        }
        return count;
    }

    private bool IsMarker(in RenderTreeFrame frame) =>
        frame.FrameType == RenderTreeFrameType.Attribute && frame.AttributeName == _marker
        && Convert.ToString(frame.AttributeValue, CultureInfo.InvariantCulture) == _markerValue;

    protected override void HandleException(Exception exception) => Console.Error.WriteLine($"  a page failed: {exception}");
}
