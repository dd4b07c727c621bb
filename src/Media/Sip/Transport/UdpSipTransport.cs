using System.Net;
using System.Net.Sockets;

namespace Telepath.Media.Sip.Transport;

/// <summary>
/// SIP over UDP (RFC 3261 §18): one socket, one long-lived receive loop reusing one buffer, synchronous
/// non-blocking sends. Nothing escapes the loop: a receiver failure or a socket error is counted and the
/// loop continues.
/// </summary>
internal sealed class UdpSipTransport : ISipTransport
{
    /// <summary>The largest UDP payload; anything bigger cannot arrive.</summary>
    public const int MaxDatagramSize = 65535;

    private readonly Socket _socket;
    private readonly SipTransportMetrics _metrics;
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    /// <summary>Binds a UDP socket to <paramref name="bind"/> (port 0 picks a free port).</summary>
    public UdpSipTransport(IPEndPoint bind, SipTransportMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(bind);
        _metrics = metrics;
        _socket = new Socket(bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        if (bind.AddressFamily == AddressFamily.InterNetworkV6)
        {
            _socket.DualMode = true;
        }

        _socket.ReceiveBufferSize = 4 * 1024 * 1024;
        _socket.Bind(bind);
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    /// <inheritdoc />
    public SipTransportProtocol Protocol => SipTransportProtocol.Udp;

    /// <inheritdoc />
    public IPEndPoint LocalEndPoint { get; }

    /// <inheritdoc />
    public void Start(ISipTransportReceiver receiver)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        _loop = Task.Factory.StartNew(
            () => ReceiveLoopAsync(receiver, _stopping.Token),
            CancellationToken.None,
            TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach,
            TaskScheduler.Default).Unwrap();
    }

    /// <inheritdoc />
    public bool Send(SipPeer peer, ReadOnlyMemory<byte> message)
    {
        try
        {
            _socket.SendTo(message.Span, SocketFlags.None, peer.EndPoint);
            return true;
        }
        catch (SocketException)
        {
            _metrics.CountDropped("udp_send_failed");
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>Releases the socket of a transport that was never started (its owner could not use it).</summary>
    internal void CloseUnstarted()
    {
        _socket.Dispose();
        _stopping.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected on shutdown.
        }

        _stopping.Dispose();
    }

    private async Task ReceiveLoopAsync(ISipTransportReceiver receiver, CancellationToken cancellationToken)
    {
        // One buffer for the life of the socket: the receiver parses synchronously and copies what it keeps.
        byte[] buffer = GC.AllocateUninitializedArray<byte>(MaxDatagramSize);
        EndPoint any = new IPEndPoint(LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!cancellationToken.IsCancellationRequested)
        {
            SocketReceiveFromResult result;
            try
            {
                result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // ICMP port unreachable from an earlier send surfaces here on some platforms; keep listening.
                _metrics.CountDropped("udp_receive_error");
                continue;
            }

            try
            {
                var peer = new SipPeer(SipTransportProtocol.Udp, (IPEndPoint)result.RemoteEndPoint);
                receiver.OnReceived(this, peer, buffer.AsSpan(0, result.ReceivedBytes));
            }
#pragma warning disable CA1031 // The receive loop must survive any bug above it; the failure is counted.
            catch (Exception)
#pragma warning restore CA1031
            {
                _metrics.CountDropped("receiver_error");
            }
        }
    }
}
