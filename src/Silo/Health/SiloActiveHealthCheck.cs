using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Telepath.Silo.Health;

/// <summary>Ready only while this silo is an active member of the cluster (not joining, not shutting down).</summary>
internal sealed class SiloActiveHealthCheck : IHealthCheck
{
    private readonly IClusterMembershipService _membership;
    private readonly ILocalSiloDetails _localSilo;

    public SiloActiveHealthCheck(IClusterMembershipService membership, ILocalSiloDetails localSilo)
    {
        _membership = membership;
        _localSilo = localSilo;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = _membership.CurrentSnapshot;
        var status = snapshot.GetSiloStatus(_localSilo.SiloAddress);
        var activeSilos = 0;
        foreach (var member in snapshot.Members)
        {
            if (member.Value.Status == SiloStatus.Active)
            {
                activeSilos++;
            }
        }

        var data = new Dictionary<string, object>
        {
            ["silo"] = _localSilo.Name,
            ["status"] = status.ToString(),
            ["active_silos"] = activeSilos,
        };
        var result = status == SiloStatus.Active
            ? HealthCheckResult.Healthy("The silo is active in the cluster.", data)
            : HealthCheckResult.Unhealthy($"The silo is {status}.", data: data);
        return Task.FromResult(result);
    }
}
