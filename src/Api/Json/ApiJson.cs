using System.Text.Json;
using System.Text.Json.Serialization;

namespace Telepath.Api.Json;

/// <summary>
/// The one JSON dialect of the API: snake_case names, ISO 8601 UTC timestamps, nulls written, and — for bodies that
/// come in — unknown members rejected, so a misspelt field is an error rather than silently ignored.
/// </summary>
public static class ApiJson
{
    /// <summary>Options for reading and writing API bodies. Frozen after first use.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            NumberHandling = JsonNumberHandling.Strict,
            AllowTrailingCommas = false,
            ReadCommentHandling = JsonCommentHandling.Disallow,
            MaxDepth = 32,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = false,
        };
        options.Converters.Add(new UtcTimestampConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
