using System.Threading.Channels;
using Telepath.Media.Agents;
using Telepath.Media.Edge;
using Telepath.TestKit.Agents;

namespace Telepath.Media.Tests.Agents;

/// <summary>
/// The bridge's agent loop runs inline on the receive loop that published an agent event, but never on a thread
/// that raised one elsewhere: the local VAD raises its events on an RTP receive thread, mark echoes come from the
/// pacing thread holding the stream's send lock, and running the bridge there would re-enter the pacer.
/// </summary>
public sealed class AgentEventThreadTests
{
    [Fact]
    public async Task An_event_raised_on_the_caller_audio_thread_is_handled_on_another_thread()
    {
        await using IdleAgentCall call = await IdleAgentCall.StartAsync();
        IAgentConnection connection = call.Connection;
        Task<int> handledOn = HandlingThreadAsync(connection.Events, AgentEventKind.SpeechStarted);
        byte[] speech = VadTone.Frame(-20);

        int raisedOn = 0;
        var rtpThread = new Thread(() =>
        {
            raisedOn = Environment.CurrentManagedThreadId;
            for (int i = 0; i < 25; i++)
            {
                connection.SendAudio(speech, 0);
            }
        });
        rtpThread.Start();
        rtpThread.Join();

        Assert.NotEqual(raisedOn, await handledOn.WaitAsync(AgentTestHarness.HangGuard));
    }

    [Fact]
    public async Task Events_raised_off_the_receive_loop_keep_their_order()
    {
        await using IdleAgentCall call = await IdleAgentCall.StartAsync();
        IAgentConnection connection = call.Connection;
        byte[] speech = VadTone.Frame(-20);
        byte[] silence = VadTone.Frame(-70);

        // Three turns: each speech start and its stop are raised on this thread, faster than the pool hands them on.
        for (int turn = 0; turn < 3; turn++)
        {
            for (int i = 0; i < 25; i++)
            {
                connection.SendAudio(speech, 0);
            }

            for (int i = 0; i < 20; i++)
            {
                connection.SendAudio(silence, 0);
            }
        }

        var kinds = new List<AgentEventKind>();
        while (kinds.Count < 6)
        {
            using var guard = new CancellationTokenSource(AgentTestHarness.HangGuard);
            AgentEvent next = await connection.Events.ReadAsync(guard.Token);
            next.ReturnBuffer();
            kinds.Add(next.Kind);
        }

        Assert.Equal(
            [AgentEventKind.SpeechStarted, AgentEventKind.SpeechStopped, AgentEventKind.SpeechStarted, AgentEventKind.SpeechStopped, AgentEventKind.SpeechStarted, AgentEventKind.SpeechStopped],
            kinds);
    }

    /// <summary>Waits as the bridge's agent loop does and returns the thread its continuation ran on for <paramref name="kind"/>.</summary>
    private static async Task<int> HandlingThreadAsync(ChannelReader<AgentEvent> events, AgentEventKind kind)
    {
        while (await events.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            int thread = Environment.CurrentManagedThreadId;
            while (events.TryRead(out AgentEvent agentEvent))
            {
                agentEvent.ReturnBuffer();
                if (agentEvent.Kind == kind)
                {
                    return thread;
                }
            }
        }

        throw new InvalidOperationException("the events ended without " + kind);
    }
}
