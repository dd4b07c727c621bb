using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Telepath.Media.Hosting;

namespace Telepath.Silo.Health;

/// <summary>Ready only while the media engine's SIP listeners are bound: a silo that cannot take calls is not ready.</summary>
internal sealed class MediaEngineHealthCheck : IHealthCheck
{
    private readonly MediaEngine _engine;

    public MediaEngineHealthCheck(MediaEngine engine)
    {
        _engine = engine;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var endPoints = _engine.SipEndPoints;
        var data = new Dictionary<string, object>
        {
            ["sip"] = string.Join(' ', endPoints.Select(static e => e.ToString())),
            ["active_calls"] = _engine.ActiveCalls.ToString(CultureInfo.InvariantCulture),
        };
        var result = endPoints.Count > 0
            ? HealthCheckResult.Healthy("The media engine is listening.", data)
            : HealthCheckResult.Unhealthy("The media engine is not listening.", data: data);
        return Task.FromResult(result);
    }
}
