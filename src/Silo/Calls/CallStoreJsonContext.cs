using System.Text.Json.Serialization;
using Telepath.Grains.Abstractions.Calls;

namespace Telepath.Silo.Calls;

/// <summary>Source-generated JSON for the call table's JSON columns (a stable, explicit shape on disk).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(CallMetricsData))]
[JsonSerializable(typeof(CallDetailDocument))]
internal sealed partial class CallStoreJsonContext : JsonSerializerContext;
