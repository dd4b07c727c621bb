using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using Telepath.Media.Agents;
using Telepath.Media.Rtp.Engine;

namespace Telepath.Media.Tests.Agents;

/// <summary>
/// The agent send pump writes a queued message on the queuing thread when no send is under way (no thread wake-up
/// per caller frame), keeps queue order when a send has to wait, never overlaps two sends, and is bounded.
/// </summary>
public sealed class AgentSendPumpTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    [Fact]
    public void Sends_a_queued_message_on_the_queuing_thread_before_returning()
    {
        var socket = new ScriptedWebSocket();
        AgentSendPump pump = Started(socket);

        Assert.True(pump.TryQueue(Message("a")));

        Assert.Equal(["a"], socket.Sent);
        Assert.Equal([Environment.CurrentManagedThreadId], socket.SendThreads);
    }

    [Fact]
    public async Task A_message_queued_on_a_shared_engine_thread_is_written_by_the_thread_pool_in_order()
    {
        var socket = new ScriptedWebSocket();
        AgentSendPump pump = Started(socket);
        int engineThread = 0;
        var thread = new Thread(() =>
        {
            // As the epoll receive thread or the pacing thread, which serve every call.
            SharedMediaThread.MarkCurrent();
            engineThread = Environment.CurrentManagedThreadId;
            for (int i = 0; i < 3; i++)
            {
                Assert.True(pump.TryQueue(Message($"frame {i}")));
            }
        });
        thread.Start();
        thread.Join();

        Assert.True(await pump.CompleteAsync(s_wait));
        Assert.Equal(["frame 0", "frame 1", "frame 2"], socket.Sent);
        Assert.DoesNotContain(engineThread, socket.SendThreads);
    }

    [Fact]
    public void Messages_queued_before_start_wait_for_it_and_then_go_out_in_order()
    {
        var socket = new ScriptedWebSocket();
        var pump = new AgentSendPump(socket, 8, new LatencyHistogram(TimeProvider.System.TimestampFrequency), TimeProvider.System);

        Assert.True(pump.TryQueue(Message("connected")));
        Assert.True(pump.TryQueue(Message("start")));
        Assert.Empty(socket.Sent);

        pump.Start();

        Assert.Equal(["connected", "start"], socket.Sent);
    }

    [Fact]
    public async Task Messages_queued_behind_a_pending_send_follow_it_in_order_without_overlapping()
    {
        var socket = new ScriptedWebSocket { HoldSends = true };
        AgentSendPump pump = Started(socket);

        Assert.True(pump.TryQueue(Message("1")));
        Assert.True(pump.TryQueue(Message("2")));
        Assert.True(pump.TryQueue(Message("3")));
        Assert.Equal(["1"], socket.Sent);

        socket.ReleasePending();

        Assert.True(await pump.CompleteAsync(s_wait));
        Assert.Equal(["1", "2", "3"], socket.Sent);
        Assert.Equal(0, socket.OverlappingSends);
    }

    [Fact]
    public void Refuses_messages_beyond_its_capacity_while_the_agent_does_not_read()
    {
        var socket = new ScriptedWebSocket { HoldSends = true };
        AgentSendPump pump = Started(socket, capacity: 2);

        Assert.True(pump.TryQueue(Message("in flight")));
        Assert.True(pump.TryQueue(Message("queued 1")));
        Assert.True(pump.TryQueue(Message("queued 2")));
        OutgoingMessage refused = Message("refused");

        Assert.False(pump.TryQueue(refused));
        ArrayPool<byte>.Shared.Return(refused.Buffer);
    }

    [Fact]
    public async Task Completing_waits_for_the_pending_send_and_refuses_later_messages()
    {
        var socket = new ScriptedWebSocket { HoldSends = true };
        AgentSendPump pump = Started(socket);
        Assert.True(pump.TryQueue(Message("last words")));

        Task<bool> completing = pump.CompleteAsync(s_wait);
        Assert.False(completing.IsCompleted);
        socket.ReleasePending();

        Assert.True(await completing);
        OutgoingMessage late = Message("late");
        Assert.False(pump.TryQueue(late));
        ArrayPool<byte>.Shared.Return(late.Buffer);
    }

    [Fact]
    public async Task Completing_gives_up_after_its_timeout_when_the_agent_never_reads()
    {
        var socket = new ScriptedWebSocket { HoldSends = true };
        AgentSendPump pump = Started(socket);
        Assert.True(pump.TryQueue(Message("stuck")));

        Assert.False(await pump.CompleteAsync(TimeSpan.FromMilliseconds(50)));
    }

    [Fact]
    public async Task Abort_ends_a_pending_send_and_drops_what_waits_behind_it()
    {
        var socket = new ScriptedWebSocket { HoldSends = true };
        AgentSendPump pump = Started(socket);
        Assert.True(pump.TryQueue(Message("stuck")));
        Assert.True(pump.TryQueue(Message("behind")));

        pump.Abort();

        Assert.True(await pump.CompleteAsync(s_wait));
        Assert.Equal(["stuck"], socket.Sent);
        Assert.IsType<WebSocketException>(pump.Failure);
    }

    [Fact]
    public void A_failed_send_stops_sending_and_is_reported()
    {
        var socket = new ScriptedWebSocket { FailNextSend = new WebSocketException("connection reset") };
        AgentSendPump pump = Started(socket);

        Assert.True(pump.TryQueue(Message("lost")));
        Assert.True(pump.TryQueue(Message("dropped")));

        Assert.Empty(socket.Sent);
        Assert.Equal("connection reset", pump.Failure?.Message);
    }

    [Fact]
    public async Task A_send_that_throws_anything_still_releases_the_pump()
    {
        var socket = new ScriptedWebSocket { FailNextSend = new NotSupportedException("a bug below us") };
        AgentSendPump pump = Started(socket);

        Assert.True(pump.TryQueue(Message("lost")));
        Assert.True(pump.TryQueue(Message("dropped")));

        Assert.True(await pump.CompleteAsync(s_wait));
        Assert.IsType<NotSupportedException>(pump.Failure);
    }

    [Fact]
    public void A_pump_that_never_started_never_writes_to_its_socket()
    {
        var socket = new ScriptedWebSocket();
        var pump = new AgentSendPump(socket, 8, new LatencyHistogram(TimeProvider.System.TimestampFrequency), TimeProvider.System);
        Assert.True(pump.TryQueue(Message("queued")));

        Assert.True(pump.TryTake(out OutgoingMessage taken));

        Assert.Equal("queued", Encoding.UTF8.GetString(taken.Buffer, 0, taken.Length));
        Assert.Empty(socket.Sent);
        ArrayPool<byte>.Shared.Return(taken.Buffer);
    }

    [Fact]
    public void Caller_audio_counts_from_its_arrival_until_the_socket_took_it()
    {
        var socket = new ScriptedWebSocket();
        var latency = new LatencyHistogram(TimeProvider.System.TimestampFrequency);
        var pump = new AgentSendPump(socket, 8, latency, TimeProvider.System);
        pump.Start();
        long fiveMillisecondsAgo = TimeProvider.System.GetTimestamp() - (TimeProvider.System.TimestampFrequency / 200);

        Assert.True(pump.TryQueue(Message("frame") with { HeldSince = fiveMillisecondsAgo }));
        Assert.True(pump.TryQueue(Message("not audio")));

        Assert.Equal(1, latency.Count);
        Assert.True(latency.GetPercentileMicroseconds(100) >= 5000);
    }

    [Fact]
    public async Task Many_threads_queueing_at_once_never_overlap_sends_and_lose_nothing()
    {
        var socket = new ScriptedWebSocket();
        AgentSendPump pump = Started(socket, capacity: 4096);
        const int Threads = 4;
        const int PerThread = 500;

        await Task.WhenAll(Enumerable.Range(0, Threads).Select(t => Task.Run(() =>
        {
            for (int i = 0; i < PerThread; i++)
            {
                Assert.True(pump.TryQueue(Message($"{t}:{i}")));
            }
        })));

        Assert.True(await pump.CompleteAsync(s_wait));
        IReadOnlyList<string> sent = socket.Sent;
        Assert.Equal(Threads * PerThread, sent.Count);
        Assert.Equal(0, socket.OverlappingSends);
        for (int t = 0; t < Threads; t++)
        {
            // Each thread's messages keep their order.
            int[] order = [.. sent.Where(s => s.StartsWith($"{t}:", StringComparison.Ordinal)).Select(s => int.Parse(s.AsSpan(s.IndexOf(':') + 1), provider: null))];
            Assert.Equal(Enumerable.Range(0, PerThread), order);
        }
    }

    private static AgentSendPump Started(ScriptedWebSocket socket, int capacity = 64)
    {
        var pump = new AgentSendPump(socket, capacity, new LatencyHistogram(TimeProvider.System.TimestampFrequency), TimeProvider.System);
        pump.Start();
        return pump;
    }

    private static OutgoingMessage Message(string text)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        int length = Encoding.UTF8.GetBytes(text, buffer);
        return new OutgoingMessage(buffer, length);
    }
}
