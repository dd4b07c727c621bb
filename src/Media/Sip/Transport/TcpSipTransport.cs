using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Telepath.Media.Sip.Parsing;

namespace Telepath.Media.Sip.Transport;

/// <summary>
/// SIP over TCP (RFC 3261 §18): a listener with a connection limit, one read loop per connection, and
/// responses sent on the connection the request came on, else on one to the address, else on a new one
/// (RFC 3261 §18.2.2).
/// </summary>
internal sealed class TcpSipTransport : ISipTransport
{
    private readonly Socket _listener;
    private readonly SipParserLimits _limits;
    private readonly int _maxConnections;
    private readonly TimeSpan _idleTimeout;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<long, TcpSipConnection> _connections = new();
    private readonly ConcurrentDictionary<IPEndPoint, TcpSipConnection> _byRemote = new();
    private readonly CancellationTokenSource _stopping = new();
    private ISipTransportReceiver? _receiver;
    private Task _acceptLoop = Task.CompletedTask;
    private long _nextId;

    /// <summary>Binds and listens on <paramref name="bind"/> (port 0 picks a free port).</summary>
    public TcpSipTransport(IPEndPoint bind, SipTransportMetrics metrics, SipParserLimits limits, int maxConnections, TimeSpan idleTimeout, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(bind);
        Metrics = metrics;
        _limits = limits;
        _maxConnections = maxConnections;
        _idleTimeout = idleTimeout;
        _timeProvider = timeProvider;
        _listener = new Socket(bind.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Bind(bind);
        _listener.Listen(512);
        LocalEndPoint = (IPEndPoint)_listener.LocalEndPoint!;
    }

    /// <inheritdoc />
    public SipTransportProtocol Protocol => SipTransportProtocol.Tcp;

    /// <inheritdoc />
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Gets the number of open connections.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Gets the shared counters.</summary>
    internal SipTransportMetrics Metrics { get; }

    /// <inheritdoc />
    public void Start(ISipTransportReceiver receiver)
    {
        _receiver = receiver ?? throw new ArgumentNullException(nameof(receiver));
        _acceptLoop = AcceptLoopAsync(_stopping.Token);
    }

    /// <inheritdoc />
    public bool Send(SipPeer peer, ReadOnlyMemory<byte> message)
    {
        if ((peer.ConnectionId != 0 && _connections.TryGetValue(peer.ConnectionId, out TcpSipConnection? connection))
            || _byRemote.TryGetValue(peer.EndPoint, out connection))
        {
            return connection.Enqueue(message);
        }

        if (_stopping.IsCancellationRequested || _connections.Count >= _maxConnections || _receiver is null)
        {
            return false;
        }

        _ = ConnectAndSendAsync(peer.EndPoint, message, _stopping.Token);
        return true;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        try
        {
            await _acceptLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected on shutdown.
        }

        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                Metrics.CountDropped("tcp_accept_error");
                continue;
            }

            if (_connections.Count >= _maxConnections)
            {
                Metrics.CountDropped("tcp_connection_limit");
                socket.Dispose();
                continue;
            }

            Track(socket, cancellationToken);
        }
    }

    private async Task ConnectAndSendAsync(IPEndPoint remote, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(remote, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            socket.Dispose();
            Metrics.CountDropped("tcp_connect_failed");
            return;
        }

        Track(socket, cancellationToken).Enqueue(message);
    }

    private TcpSipConnection Track(Socket socket, CancellationToken cancellationToken)
    {
        socket.NoDelay = true;
        var connection = new TcpSipConnection(Interlocked.Increment(ref _nextId), socket, this, _limits, _idleTimeout, _timeProvider);
        _connections[connection.Id] = connection;
        _byRemote[connection.RemoteEndPoint] = connection;
        _ = RunConnectionAsync(connection, cancellationToken);
        return connection;
    }

    private async Task RunConnectionAsync(TcpSipConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await connection.RunAsync(_receiver!, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _connections.TryRemove(connection.Id, out _);
            _byRemote.TryRemove(new KeyValuePair<IPEndPoint, TcpSipConnection>(connection.RemoteEndPoint, connection));
        }
    }
}
