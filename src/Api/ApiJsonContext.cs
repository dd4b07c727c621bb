using System.Text.Json;
using System.Text.Json.Serialization;
using Telepath.Api.Errors;

namespace Telepath.Api;

/// <summary>Source-generated JSON metadata for the API's own wire types (no reflection on hot paths).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ApiErrorEnvelope))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
