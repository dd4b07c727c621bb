using System.Net;
using Microsoft.Extensions.Hosting;

namespace Telepath.Media.Hosting;

/// <summary>
/// The media engine as a hosted service: binds the SIP server on start; on stop (or when the silo's drain
/// coordinator asks) refuses new INVITEs with 503, lets live calls run up to the drain timeout, then sends BYE
/// with <c>system_shutdown</c>.
/// </summary>
public sealed class MediaEngine : IHostedService, IAsyncDisposable
{
    private readonly Func<SipServer> _factory;
    private readonly TimeSpan _drainTimeout;
    private SipServer? _server;

    internal MediaEngine(Func<SipServer> factory, TimeSpan drainTimeout)
    {
        _factory = factory;
        _drainTimeout = drainTimeout;
    }

    /// <summary>Gets the bound SIP endpoints (UDP first, then TCP), empty before start.</summary>
    public IReadOnlyList<IPEndPoint> SipEndPoints
    {
        get
        {
            var endPoints = new List<IPEndPoint>();
            if (_server is not null)
            {
                foreach (var transport in _server.Transports)
                {
                    endPoints.Add(transport.LocalEndPoint);
                }
            }

            return endPoints;
        }
    }

    /// <summary>Gets the number of live calls.</summary>
    public int ActiveCalls => _server?.UserAgent.ActiveCalls ?? 0;

    /// <summary>Gets the running server (tests).</summary>
    internal SipServer? Server => _server;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _server ??= _factory();
        _server.Start();
        return Task.CompletedTask;
    }

    /// <summary>Refuses new INVITEs with 503 from now on.</summary>
    public void BeginDrain() => _server?.UserAgent.BeginDrain();

    /// <summary>Drains: refuse new calls, wait up to <paramref name="timeout"/>, then BYE the rest.</summary>
    public Task DrainAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _server?.DrainAsync(timeout, cancellationToken) ?? Task.CompletedTask;

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is null)
        {
            return;
        }

        await _server.DrainAsync(_drainTimeout, cancellationToken).ConfigureAwait(false);
        await DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        SipServer? server = Interlocked.Exchange(ref _server, null);
        if (server is not null)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
