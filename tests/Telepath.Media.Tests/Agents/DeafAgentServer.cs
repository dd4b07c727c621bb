using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Telepath.Media.Tests.Agents;

/// <summary>
/// An agent that completes the WebSocket handshake (RFC 6455 §4.2.2) and then never reads again, with a small
/// receive buffer: TCP soon pushes back on everything we send, as it does with a hung bot.
/// </summary>
internal sealed class DeafAgentServer : IAsyncDisposable
{
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private readonly TcpListener _listener;
    private readonly List<Socket> _accepted = [];
    private readonly Task _acceptLoop;

    private DeafAgentServer(TcpListener listener)
    {
        _listener = listener;
        _acceptLoop = AcceptAsync();
    }

    public Uri WebSocketUri => new($"ws://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public static DeafAgentServer Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Server.ReceiveBufferSize = 4096;
        listener.Start();
        return new DeafAgentServer(listener);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _acceptLoop.ConfigureAwait(false);
        lock (_accepted)
        {
            foreach (Socket socket in _accepted)
            {
                socket.Dispose();
            }
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                Socket socket = await _listener.AcceptSocketAsync().ConfigureAwait(false);
                lock (_accepted)
                {
                    _accepted.Add(socket);
                }

                await HandshakeAsync(socket).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private static async Task HandshakeAsync(Socket socket)
    {
        var request = new StringBuilder();
        var buffer = new byte[1];
        while (!request.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            // One byte at a time, so nothing after the request (our first frames) is read.
            if (await socket.ReceiveAsync(buffer).ConfigureAwait(false) == 0)
            {
                return;
            }

            request.Append((char)buffer[0]);
        }

        string key = request.ToString().Split("\r\n")
            .First(static line => line.StartsWith("Sec-WebSocket-Key:", StringComparison.OrdinalIgnoreCase))["Sec-WebSocket-Key:".Length..].Trim();
        string accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + AcceptGuid)));
        byte[] response = Encoding.ASCII.GetBytes(
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + accept + "\r\n\r\n");
        await socket.SendAsync(response).ConfigureAwait(false);
    }
}
