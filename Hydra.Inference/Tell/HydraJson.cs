using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hydra.Inference.Tell;

/// <summary>The JSON shape of everything Hydra says outside the API (events, webhooks, Redis state): camelCase, enums as names.</summary>
public static class HydraJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
