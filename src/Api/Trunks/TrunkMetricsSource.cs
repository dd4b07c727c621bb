using Telepath.Api.Contracts;

namespace Telepath.Api.Trunks;

/// <summary>
/// The one place trunk <c>metrics</c> come from. The analytics grains (trunk stats) are built separately; until they
/// are wired in here, every trunk reports <see cref="TrunkMetricsResource.Zero"/> rather than invented figures.
/// </summary>
internal sealed class TrunkMetricsSource
{
    /// <summary>Metrics for each of <paramref name="trunkIds"/>, in the same order.</summary>
    public Task<IReadOnlyList<TrunkMetricsResource>> GetAsync(IReadOnlyList<string> trunkIds, CancellationToken cancellationToken)
    {
        var metrics = new TrunkMetricsResource[trunkIds.Count];
        Array.Fill(metrics, TrunkMetricsResource.Zero);
        return Task.FromResult<IReadOnlyList<TrunkMetricsResource>>(metrics);
    }
}
