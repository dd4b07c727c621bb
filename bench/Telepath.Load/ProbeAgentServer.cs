using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Telepath.Media.Rtp.Engine;
using Telepath.Media.Rtp.Engine.Epoll;

namespace Telepath.Load;

/// <summary>
/// The probe agent's WebSocket server. Each accepted connection is an <see cref="EpollSocketStream"/> on one real-time
/// epoll thread, the same machinery Telepath's own agent connections use, so a message's read completes on that thread
/// and its echo is written there: the agent adds one wake-up per message, not a wake-up and a thread-pool hop each way
/// (what Kestrel costs). The HTTP/1.1 upgrade is the RFC 6455 handshake, done here; after it the connection is
/// .NET's own server-side WebSocket (<see cref="WebSocket.CreateFromStream(Stream, WebSocketCreationOptions)"/>).
/// </summary>
internal sealed class ProbeAgentServer : IDisposable
{
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private const int MaxRequestBytes = 8192;

    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly EpollMediaThreads _loops;
    private readonly Func<WebSocket, Task> _session;
    private readonly Thread _acceptThread;

    public ProbeAgentServer(int port, Func<WebSocket, Task> session)
    {
        _session = session;
        _loops = EpollMediaThreads.TryCreate(1, new RealtimeMediaThreads(true, NullLogger.Instance), MediaThreadCoalescing.WhenBusy(GeneratorCoalescing.Agent), NullLogger.Instance)
            ?? throw new PlatformNotSupportedException("the probe agent needs epoll (Linux)");
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
        _listener.Listen(1024);
        _acceptThread = new Thread(AcceptLoop) { IsBackground = true, Name = "probe-agent-accept" };
        _acceptThread.Start();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _loops.Dispose();
    }

    private void AcceptLoop()
    {
        while (true)
        {
            Socket accepted;
            try
            {
                accepted = _listener.Accept();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(accepted));
        }
    }

    private async Task ServeAsync(Socket accepted)
    {
        await using EpollSocketStream stream = EpollSocketStream.Accept(accepted, _loops.Next());
        try
        {
            if (!await HandshakeAsync(stream))
            {
                return;
            }

            stream.CompleteReadsInline = true;
            using WebSocket socket = WebSocket.CreateFromStream(
                stream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = Timeout.InfiniteTimeSpan });
            await _session(socket);
        }
        catch (Exception ex) when (ex is IOException or WebSocketException or ObjectDisposedException)
        {
            // The call went away.
        }
    }

    /// <summary>Reads the upgrade request and answers 101 with the key's accept value; false (after a 400) otherwise.</summary>
    private static async Task<bool> HandshakeAsync(Stream stream)
    {
        var request = new byte[MaxRequestBytes];
        int length = 0;
        int end;
        while ((end = request.AsSpan(0, length).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (length == request.Length)
            {
                return false;
            }

            int read = await stream.ReadAsync(request.AsMemory(length));
            if (read == 0)
            {
                // A readiness probe that connects and leaves.
                return false;
            }

            length += read;
        }

        string? key = null;
        foreach (string line in Encoding.ASCII.GetString(request, 0, end).Split("\r\n"))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line.AsSpan(0, colon).Trim().Equals("Sec-WebSocket-Key", StringComparison.OrdinalIgnoreCase))
            {
                key = line[(colon + 1)..].Trim();
            }
        }

        if (key is null)
        {
            await stream.WriteAsync("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray());
            return false;
        }

        string accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + AcceptGuid)));
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + accept + "\r\n\r\n"));
        return true;
    }
}
