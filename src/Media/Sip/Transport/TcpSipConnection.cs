using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Telepath.Media.Sip.Parsing;

namespace Telepath.Media.Sip.Transport;

/// <summary>
/// One TCP connection: a read loop that frames messages by Content-Length (RFC 3261 §18.3) and answers CRLFCRLF
/// pings with a CRLF pong (RFC 5626 §3.5.1), and a write loop draining a bounded queue. Idle connections close.
/// </summary>
internal sealed class TcpSipConnection
{
    private const int InitialBufferSize = 8192;
    private const int MaxQueuedMessages = 256;

    private static readonly ReadOnlyMemory<byte> s_pong = "\r\n"u8.ToArray();

    private readonly Socket _socket;
    private readonly TcpSipTransport _transport;
    private readonly SipParserLimits _limits;
    private readonly TimeSpan _idleTimeout;
    private readonly TimeProvider _timeProvider;
    private readonly Channel<ReadOnlyMemory<byte>> _outbound;
    private readonly CancellationTokenSource _closed = new();

    /// <summary>Wraps a connected socket.</summary>
    public TcpSipConnection(long id, Socket socket, TcpSipTransport transport, SipParserLimits limits, TimeSpan idleTimeout, TimeProvider timeProvider)
    {
        Id = id;
        _socket = socket;
        _transport = transport;
        _limits = limits;
        _idleTimeout = idleTimeout;
        _timeProvider = timeProvider;
        RemoteEndPoint = (IPEndPoint)socket.RemoteEndPoint!;
        _outbound = Channel.CreateBounded<ReadOnlyMemory<byte>>(new BoundedChannelOptions(MaxQueuedMessages)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Gets the transport's id of this connection.</summary>
    public long Id { get; }

    /// <summary>Gets the remote address.</summary>
    public IPEndPoint RemoteEndPoint { get; }

    /// <summary>Queues a message; false when the queue is full or the connection closed.</summary>
    public bool Enqueue(ReadOnlyMemory<byte> message) => _outbound.Writer.TryWrite(message);

    /// <summary>Runs the read and write loops until either ends, then closes the socket.</summary>
    public async Task RunAsync(ISipTransportReceiver receiver, CancellationToken cancellationToken)
    {
        using CancellationTokenSource linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closed.Token);
        Task writer = WriteLoopAsync(linked.Token);
        try
        {
            await ReadLoopAsync(receiver, linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Peer closed, idle timeout or shutdown: all end the connection the same way.
        }
        finally
        {
            _outbound.Writer.TryComplete();
            await _closed.CancelAsync().ConfigureAwait(false);
            try
            {
                await writer.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The write loop stops with the read loop.
            }

            _socket.Dispose();
            _closed.Dispose();
        }
    }

    private async Task ReadLoopAsync(ISipTransportReceiver receiver, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        int count = 0;
        using var idle = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _timeProvider);
        using CancellationTokenRegistration link = cancellationToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), idle);
        try
        {
            while (true)
            {
                if (count == buffer.Length)
                {
                    if (buffer.Length >= _limits.MaxMessageBytes + 64)
                    {
                        _transport.Metrics.CountDropped("tcp_message_too_large");
                        return;
                    }

                    byte[] larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, count).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                idle.CancelAfter(_idleTimeout);
                int read = await _socket.ReceiveAsync(buffer.AsMemory(count), SocketFlags.None, idle.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                count += read;
                int consumed = DeliverFrames(receiver, buffer.AsSpan(0, count));
                if (consumed < 0)
                {
                    // RFC 3261 §18.3: without a trustworthy Content-Length the stream cannot be resynchronised.
                    _transport.Metrics.CountDropped("tcp_unparseable");
                    return;
                }

                if (consumed > 0)
                {
                    buffer.AsSpan(consumed, count - consumed).CopyTo(buffer);
                    count -= consumed;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private int DeliverFrames(ISipTransportReceiver receiver, ReadOnlySpan<byte> data)
    {
        int offset = 0;
        var peer = new SipPeer(SipTransportProtocol.Tcp, RemoteEndPoint, Id);
        while (offset < data.Length)
        {
            SipFrame frame = SipStreamFramer.Read(data[offset..], _limits);
            switch (frame.Kind)
            {
                case SipFrameKind.Message:
                    try
                    {
                        receiver.OnReceived(_transport, peer, data.Slice(offset, frame.Consumed));
                    }
#pragma warning disable CA1031 // A receiver bug must not kill the connection's loop; it is counted.
                    catch (Exception)
#pragma warning restore CA1031
                    {
                        _transport.Metrics.CountDropped("receiver_error");
                    }

                    offset += frame.Consumed;
                    break;
                case SipFrameKind.KeepAlivePing:
                    Enqueue(s_pong);
                    offset += frame.Consumed;
                    break;
                case SipFrameKind.Incomplete:
                    return offset + frame.Consumed;
                default:
                    return -1;
            }
        }

        return offset;
    }

    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        ChannelReader<ReadOnlyMemory<byte>> reader = _outbound.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out ReadOnlyMemory<byte> message))
            {
                int sent = 0;
                while (sent < message.Length)
                {
                    sent += await _socket.SendAsync(message[sent..], SocketFlags.None, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }
}
