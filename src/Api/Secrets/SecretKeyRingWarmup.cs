using Microsoft.Extensions.Hosting;

namespace Telepath.Api.Secrets;

/// <summary>
/// Loads the key ring when the host starts, so the key file is created on first start and a missing or malformed
/// key stops the program at once rather than failing the first request that touches a secret.
/// </summary>
internal sealed class SecretKeyRingWarmup : IHostedService
{
    /// <summary>Taking the protector is the whole point: resolving it loads the ring.</summary>
    public SecretKeyRingWarmup(SecretProtector protector)
    {
        ArgumentNullException.ThrowIfNull(protector);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
