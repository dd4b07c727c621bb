using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Telepath.Media.Edge;
using Telepath.Media.Rtp;
using Telepath.Media.Sdp;
using Telepath.Media.Sip.Auth;
using Telepath.Media.Sip.Parsing;
using Telepath.Media.Sip.Transactions;
using Telepath.Media.Sip.Transport;
using Telepath.Media.Sip.UserAgent;
using Telepath.Media.Timing;

namespace Telepath.Media.Hosting;

/// <summary>
/// Composes one SIP server: transports bound from <see cref="SipOptions"/>, the transport layer, one timer wheel
/// with its driver, and the UAS core. Started and drained by <see cref="MediaEngine"/>; tests build it directly.
/// </summary>
internal sealed class SipServer : IAsyncDisposable
{
    private readonly SipOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly SipTransportLayer _layer;
    private readonly TimerWheel _wheel;
    private TimerWheelDriver? _driver;

    /// <summary>Builds the server and binds its sockets.</summary>
    /// <param name="mediaPorts">
    /// The RTP engine's allocator (<c>RtpEngine.Ports</c>), so the SDP answer advertises a pair the bridge then opens
    /// its stream on; null gives the UAS its own allocator over <see cref="RtpOptions"/> (signalling-only tests).
    /// </param>
    public SipServer(
        SipOptions options,
        RtpOptions rtpOptions,
        ITrunkDirectory directory,
        ICallEvents events,
        IIncomingCallHandler handler,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory,
        IMeterFactory? meterFactory = null,
        PortAllocator? mediaPorts = null)
    {
        _options = options;
        _timeProvider = timeProvider;
        Metrics = new SipTransportMetrics(meterFactory);
        var limits = new SipParserLimits { MaxMessageBytes = options.MaxMessageBytes };
        _layer = new SipTransportLayer(limits, Metrics);
        IPAddress listen = IPAddress.Parse(options.ListenAddress);
        BindTransports(listen, options, limits, timeProvider);

        IPAddress advertised = options.MediaAddress is not null ? IPAddress.Parse(options.MediaAddress)
            : listen.Equals(IPAddress.Any) || listen.Equals(IPAddress.IPv6Any) ? IPAddress.Loopback : listen;
        _wheel = new TimerWheel(timeProvider, options.TimerTick, slots: 1024);
        var context = new TransactionContext(_wheel, new SipTimers(options.T1, options.T2, options.T4), _layer);
        var nonces = new NonceSource(new NonceSourceOptions { Secret = options.NonceSecret }, timeProvider);
        UserAgent = new SipUserAgentServer(
            options,
            advertised,
            context,
            directory,
            events,
            handler,
            nonces,
            new CodecNegotiator(new CodecNegotiatorOptions()),
            mediaPorts ?? new PortAllocator(rtpOptions.PortRangeStart, rtpOptions.PortRangeEnd),
            timeProvider,
            loggerFactory.CreateLogger<SipUserAgentServer>());
    }

    /// <summary>Gets the UAS core.</summary>
    // With port 0 UDP and TCP must still share one number, as they do on 5060. UDP takes a free port first; when TCP
    // finds that port taken (the ephemeral ranges of the two protocols are independent), both let go and try again.
    private void BindTransports(IPAddress listen, SipOptions options, SipParserLimits limits, TimeProvider timeProvider)
    {
        const int Attempts = 16;
        for (int attempt = 1; ; attempt++)
        {
            UdpSipTransport? udp = options.Udp ? new UdpSipTransport(new IPEndPoint(listen, options.Port), Metrics) : null;
            int port = options.Port == 0 && udp is not null ? udp.LocalEndPoint.Port : options.Port;
            try
            {
                TcpSipTransport? tcp = options.Tcp
                    ? new TcpSipTransport(new IPEndPoint(listen, port), Metrics, limits, options.MaxTcpConnections, options.TcpIdleTimeout, timeProvider)
                    : null;
                if (udp is not null)
                {
                    _layer.Add(udp);
                }

                if (tcp is not null)
                {
                    _layer.Add(tcp);
                }

                return;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse && options.Port == 0 && udp is not null && attempt < Attempts)
            {
                udp.CloseUnstarted();
            }
            catch
            {
                udp?.CloseUnstarted();
                throw;
            }
        }
    }

    public SipUserAgentServer UserAgent { get; }

    /// <summary>Gets the counters.</summary>
    public SipTransportMetrics Metrics { get; }

    /// <summary>Gets the bound transports.</summary>
    public IReadOnlyList<ISipTransport> Transports => _layer.Transports;

    /// <summary>Starts receiving and the timer driver.</summary>
    public void Start()
    {
        _layer.Start(UserAgent);
        _driver = new TimerWheelDriver(_wheel, _options.TimerTick, _timeProvider);
    }

    /// <summary>Refuses new calls, waits up to <paramref name="timeout"/>, then ends the rest with BYE.</summary>
    public Task DrainAsync(TimeSpan timeout, CancellationToken cancellationToken) => UserAgent.DrainAsync(timeout, cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_driver is not null)
        {
            await _driver.DisposeAsync().ConfigureAwait(false);
        }

        foreach (ISipTransport transport in _layer.Transports)
        {
            await transport.DisposeAsync().ConfigureAwait(false);
        }

        Metrics.Dispose();
    }
}
