using System.Net;
using System.Net.Sockets;

namespace Telepath.TestKit.Agents;

/// <summary>Accepts TCP connections on 127.0.0.1 and never answers: a WebSocket handshake against it times out.</summary>
public sealed class BlackHoleTcpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _accepted = [];
    private readonly CancellationTokenSource _stop = new();
    private int _connections;

    /// <summary>Initializes a new instance of the <see cref="BlackHoleTcpServer"/> class and starts accepting.</summary>
    public BlackHoleTcpServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptLoopAsync();
    }

    /// <summary>Gets the listening port.</summary>
    public int Port { get; }

    /// <summary>Gets the number of connections accepted.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_accepted)
        {
            foreach (TcpClient client in _accepted)
            {
                client.Dispose();
            }
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
                Interlocked.Increment(ref _connections);
                lock (_accepted)
                {
                    _accepted.Add(client);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }
}
