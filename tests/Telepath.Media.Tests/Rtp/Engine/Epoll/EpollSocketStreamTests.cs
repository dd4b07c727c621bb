using System.Net;
using System.Net.Sockets;
using Telepath.Media.Rtp.Engine.Epoll;
using Telepath.TestKit.Network;

namespace Telepath.Media.Tests.Rtp.Engine.Epoll;

/// <summary>
/// The agent connection's stream on the engine's epoll thread, against a plain loopback TCP peer: reads that wait,
/// writes the socket cannot take at once, end of stream, cancellation and disposal.
/// </summary>
public sealed class EpollSocketStreamTests : IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private EpollMediaThreads? _loops;

    public Task InitializeAsync()
    {
        _listener.Start();
        _loops = TestMediaThreads.Create(1);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _listener.Stop();
        _loops?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Connects_and_carries_bytes_both_ways()
    {
        (EpollSocketStream stream, Socket peer) = await ConnectAsync();
        await using (stream)
        using (peer)
        {
            await stream.WriteAsync("hello"u8.ToArray());
            Assert.Equal("hello"u8.ToArray(), await ReceiveExactlyAsync(peer, 5));

            await peer.SendAsync("world"u8.ToArray());
            Assert.Equal("world"u8.ToArray(), await ReadExactlyAsync(stream, 5));
        }
    }

    [Fact]
    public async Task A_read_that_waits_completes_on_the_epoll_thread_when_the_peer_writes()
    {
        (EpollSocketStream stream, Socket peer) = await ConnectAsync();
        await using (stream)
        using (peer)
        {
            stream.CompleteReadsInline = true;
            var buffer = new byte[16];
            string? completedOn = null;
            Task<int> read = ReadOnceAsync();
            Assert.False(read.IsCompleted);

            await peer.SendAsync("ping"u8.ToArray());
            Assert.Equal(4, await read.WaitAsync(s_timeout));
            Assert.Equal("ping"u8.ToArray(), buffer[..4]);
            Assert.StartsWith("telepath-media", completedOn, StringComparison.Ordinal);

            async Task<int> ReadOnceAsync()
            {
                // Not the test framework's context: the continuation must run where the read completed.
                int count = await stream.ReadAsync(buffer).ConfigureAwait(false);
                completedOn = Thread.CurrentThread.Name;
                return count;
            }
        }
    }

    [Fact]
    public async Task A_read_after_a_short_read_waits_for_the_next_bytes_instead_of_returning_early()
    {
        (EpollSocketStream stream, Socket peer) = await ConnectAsync();
        await using (stream)
        using (peer)
        {
            stream.CompleteReadsInline = true;
            var buffer = new byte[64];
            await peer.SendAsync("first"u8.ToArray());
            Assert.Equal(5, await stream.ReadAsync(buffer).AsTask().WaitAsync(s_timeout));

            // The short read emptied the socket: the next read must wait for the peer, not fail or return nothing.
            Task<int> next = stream.ReadAsync(buffer).AsTask();
            Assert.False(next.IsCompleted);
            await peer.SendAsync("second"u8.ToArray());
            Assert.Equal(6, await next.WaitAsync(s_timeout));
            Assert.Equal("second"u8.ToArray(), buffer[..6]);
        }
    }

    [Fact]
    public async Task Every_byte_of_many_small_messages_arrives_however_they_are_split()
    {
        (EpollSocketStream stream, Socket peer) = await ConnectAsync();
        await using (stream)
        using (peer)
        {
            stream.CompleteReadsInline = true;
            const int Messages = 5_000;
            Task<long> reader = SumAsync();
            for (int i = 0; i < Messages; i++)
            {
                await peer.SendAsync(new[] { (byte)(i % 251) });
                if (i % 97 == 0)
                {
                    await Task.Yield();
                }
            }

            long expected = Enumerable.Range(0, Messages).Sum(i => (long)(i % 251));
            Assert.Equal(expected, await reader.WaitAsync(s_timeout));

            async Task<long> SumAsync()
            {
                var buffer = new byte[7];
                long sum = 0;
                for (int received = 0; received < Messages;)
                {
                    int count = await stream.ReadAsync(buffer);
                    Assert.NotEqual(0, count);
                    for (int k = 0; k < count; k++)
                    {
                        sum += buffer[k];
                    }

                    received += count;
                }

                return sum;
            }
        }
    }

    [Fact]
    public async Task A_zero_byte_read_waits_for_data_and_takes_none_of_it()
    {
        (EpollSocketStream stream, Socket peer) = await ConnectAsync();
        await using (stream)
        using (peer)
        {
            ValueTask<int> wait = stream.ReadAsync(Memory<byte>.Empty);
            Assert.False(wait.IsCompleted);

            await peer.SendAsync("abc"u8.ToArray());
            Assert.Equal(0, await wait.AsTask().WaitAsync(s_timeout));
            Assert.Equal("abc"u8.ToArray(), await ReadExactlyAsync(stream, 3));
        }
    }

    [Fact]
    public async Task A_read_returns_zero_when_the_peer_closes()
    {
        (EpollSocketStream stream, Socket peer) = await ConnectAsync();
        await using (stream)
        {
            ValueTask<int> read = stream.ReadAsync(new byte[8]);
            peer.Shutdown(SocketShutdown.Send);
            Assert.Equal(0, await read.AsTask().WaitAsync(s_timeout));
            peer.Dispose();
        }
    }

    [Fact]
    public async Task A_write_the_socket_cannot_take_at_once_completes_as_the_peer_reads()
    {
        (EpollSocketStream stream, Socket peer) = await ConnectAsync();
        await using (stream)
        using (peer)
        {
            byte[] payload = new byte[16 * 1024 * 1024];
            new Random(7).NextBytes(payload);
            Task write = stream.WriteAsync(payload).AsTask();
            Assert.False(write.IsCompleted);

            byte[] received = await ReceiveExactlyAsync(peer, payload.Length);
            await write.WaitAsync(s_timeout);
            Assert.Equal(payload, received);
        }
    }

    [Fact]
    public async Task A_cancelled_read_throws_and_a_disposed_stream_fails_its_waiting_read()
    {
        (EpollSocketStream stream, Socket peer) = await ConnectAsync();
        using (peer)
        {
            using var cancel = new CancellationTokenSource();
            ValueTask<int> cancelled = stream.ReadAsync(new byte[8], cancel.Token);
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.AsTask().WaitAsync(s_timeout));

            Task<int> abandoned = stream.ReadAsync(new byte[8]).AsTask();
            await stream.DisposeAsync();
            await Assert.ThrowsAsync<ObjectDisposedException>(() => abandoned.WaitAsync(s_timeout));
            await Assert.ThrowsAsync<ObjectDisposedException>(async () => await stream.ReadExactlyAsync(new byte[8]));
        }
    }

    [Fact]
    public async Task Connecting_to_a_port_nobody_listens_on_fails_with_the_socket_error()
    {
        int port = FreePort.Tcp();

        SocketException failure = await Assert.ThrowsAsync<SocketException>(
            async () => await EpollSocketStream.ConnectAsync(_loops!.Next(), new DnsEndPoint("127.0.0.1", port), CancellationToken.None));
        Assert.Equal(SocketError.ConnectionRefused, failure.SocketErrorCode);
    }

    private async Task<(EpollSocketStream Stream, Socket Peer)> ConnectAsync()
    {
        int port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        Task<Socket> accept = _listener.AcceptSocketAsync();
        EpollSocketStream stream = await EpollSocketStream.ConnectAsync(_loops!.Next(), new DnsEndPoint("localhost", port), CancellationToken.None);
        return (stream, await accept.WaitAsync(s_timeout));
    }

    private static async Task<byte[]> ReadExactlyAsync(Stream stream, int count)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer).AsTask().WaitAsync(s_timeout);
        return buffer;
    }

    private static async Task<byte[]> ReceiveExactlyAsync(Socket socket, int count)
    {
        var buffer = new byte[count];
        int filled = 0;
        using var timeout = new CancellationTokenSource(s_timeout);
        while (filled < count)
        {
            int read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, timeout.Token);
            Assert.NotEqual(0, read);
            filled += read;
        }

        return buffer;
    }
}
