using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Telepath.Grains.Abstractions.Accounts;

namespace Telepath.Api.Auth;

/// <summary>Finds the API key in a request: <c>Authorization: Bearer …</c> or <c>X-API-Key: …</c> (spec §2).</summary>
internal static class ApiKeyCredentialReader
{
    public const string ApiKeyHeader = "X-API-Key";

    /// <summary>The well-formed secret of the request, or null when it has none or a malformed one.</summary>
    public static string? Read(HttpRequest request)
    {
        var authorization = request.Headers[HeaderNames.Authorization];
        if (authorization.Count == 1)
        {
            var value = authorization[0].AsSpan().Trim();
            const string Bearer = "Bearer ";
            if (value.Length > Bearer.Length && value.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
            {
                return WellFormed(value[Bearer.Length..].Trim());
            }

            return null;
        }

        var apiKey = request.Headers[ApiKeyHeader];
        return apiKey.Count == 1 ? WellFormed(apiKey[0].AsSpan().Trim()) : null;
    }

    private static string? WellFormed(ReadOnlySpan<char> candidate) =>
        ApiKeySecrets.IsWellFormed(candidate) ? candidate.ToString() : null;
}
