using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Telepath.Silo.Health;

/// <summary>Writes a health report as small JSON: overall status plus one entry per check.</summary>
internal static class HealthResponseWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var checks = new Dictionary<string, object?>();
        foreach (var (name, entry) in report.Entries)
        {
            checks[name] = new Dictionary<string, object?>
            {
                ["status"] = ToWire(entry.Status),
                ["description"] = entry.Description,
                ["data"] = entry.Data.Count == 0 ? null : entry.Data,
            };
        }

        var body = new Dictionary<string, object?>
        {
            ["status"] = ToWire(report.Status),
            ["checks"] = checks,
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }

    private static string ToWire(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
