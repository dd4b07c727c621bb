using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Telepath.Media.Rtp.Engine;
using Telepath.Media.Rtp.Engine.Epoll;

namespace Telepath.Media.Tests.Rtp.Engine.Epoll;

/// <summary>
/// A media thread that coalesces its wake-ups (sleeps out a window after each batch instead of waiting on its epoll
/// set) still takes every datagram, and one that is told to coalesce only when busy does not at a light load.
/// </summary>
public sealed class EpollMediaThreadCoalescingTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    public static TheoryData<string> Policies => new() { "never", "always", "when busy" };

    [Theory]
    [MemberData(nameof(Policies))]
    public async Task Every_datagram_of_a_burst_is_read_whatever_the_coalescing(string policy)
    {
        const int Datagrams = 2_000;
        using EpollMediaThread thread = Create(Policy(policy));
        using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        receiver.ReceiveBufferSize = 1 << 20;
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var counter = new CountingReader(receiver, Datagrams);
        int token = thread.Register(receiver, counter, EpollNativeMethods.EpollIn);
        Assert.NotEqual(-1, token);

        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var payload = new byte[172];
        for (int i = 0; i < Datagrams; i++)
        {
            sender.SendTo(payload, receiver.LocalEndPoint!);
        }

        await counter.AllRead.Task.WaitAsync(s_timeout);
        thread.Unregister(receiver, token);
        Assert.Equal(Datagrams, counter.Read);
        Assert.Equal(policy == "always", thread.CoalescedSleeps > 0);
    }

    [Fact]
    public async Task A_thread_that_coalesces_only_when_busy_wakes_at_each_arrival_of_a_light_load()
    {
        using EpollMediaThread thread = Create(MediaThreadCoalescing.WhenBusy(TimeSpan.FromMilliseconds(1)));
        using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var counter = new CountingReader(receiver, 20);
        int token = thread.Register(receiver, counter, EpollNativeMethods.EpollIn);

        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        for (int i = 0; i < 20; i++)
        {
            // One datagram per 20 ms frame, as one call sends: the thread is idle nearly all the time.
            sender.SendTo(new byte[172], receiver.LocalEndPoint!);
            await Task.Delay(20);
        }

        await counter.AllRead.Task.WaitAsync(s_timeout);
        thread.Unregister(receiver, token);
        Assert.Equal(0, thread.CoalescedSleeps);
    }

    private static MediaThreadCoalescing Policy(string name) => name switch
    {
        "always" => MediaThreadCoalescing.Always(TimeSpan.FromMilliseconds(1)),
        "when busy" => MediaThreadCoalescing.WhenBusy(TimeSpan.FromMilliseconds(1)),
        _ => MediaThreadCoalescing.Never,
    };

    private static EpollMediaThread Create(MediaThreadCoalescing coalescing) =>
        EpollMediaThread.TryCreate(0, new RealtimeMediaThreads(false, NullLogger.Instance), coalescing, NullLogger.Instance)
        ?? throw new InvalidOperationException("epoll is not available here");

    /// <summary>Reads one datagram per report, as an RTP stream does, and counts them.</summary>
    private sealed class CountingReader(Socket socket, int expected) : IEpollHandler
    {
        private readonly byte[] _buffer = new byte[2048];
        private int _read;

        public TaskCompletionSource AllRead { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Read => Volatile.Read(ref _read);

        public void OnEpollEvents(int events)
        {
            if (socket.Receive(_buffer, SocketFlags.None, out SocketError error) >= 0 && error == SocketError.Success &&
                Interlocked.Increment(ref _read) == expected)
            {
                AllRead.TrySetResult();
            }
        }
    }
}
