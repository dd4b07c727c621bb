using System.Diagnostics;
using HdrHistogram;

namespace Telepath.Load;

/// <summary>
/// What the simulated phones learn from the probe agent's stamps (<see cref="ProbePayload"/>), over every call: the
/// delay of each direction (phone send → agent receive, agent send → phone arrival), the agent's own turnaround,
/// and for barge-in turns the flush time (agent sent <c>clear</c> → last frame of the cleared burst reached the phone,
/// 0 when none came after the clear). All in microseconds.
/// </summary>
internal sealed class ProbeRecorder
{
    private long _turns;
    private long _turnsWithLateFrames;
    private long _lateFrames;

    /// <summary>Gets phone send → agent receive (RTP → bridge → WebSocket frame → agent).</summary>
    public LongConcurrentHistogram CallerToAgent { get; } = NewHistogram();

    /// <summary>Gets agent send → phone arrival (WebSocket frame → bridge → pacer → RTP → phone).</summary>
    public LongConcurrentHistogram AgentToCaller { get; } = NewHistogram();

    /// <summary>Gets the agent's receive → send (its JSON and base64, not Telepath's).</summary>
    public LongConcurrentHistogram AgentTurnaround { get; } = NewHistogram();

    /// <summary>Gets the barge-in flush time per cleared burst.</summary>
    public LongConcurrentHistogram Flush { get; } = NewHistogram();

    /// <summary>Gets clear sent → arrival of the agent's next frame (the notice): an upper bound of the whole clear path.</summary>
    public LongConcurrentHistogram ClearToNextAudio { get; } = NewHistogram();

    /// <summary>Gets the cleared bursts measured.</summary>
    public long Turns => Interlocked.Read(ref _turns);

    /// <summary>Gets the cleared bursts of which at least one frame reached the phone after the clear was sent.</summary>
    public long TurnsWithLateFrames => Interlocked.Read(ref _turnsWithLateFrames);

    /// <summary>Gets the burst frames that reached a phone after their clear was sent.</summary>
    public long LateFrames => Interlocked.Read(ref _lateFrames);

    /// <summary>Records one echoed probe: phone send, agent receive, agent send, phone arrival (timestamps).</summary>
    public void OnEcho(long sent, long agentReceived, long agentSent, long arrival)
    {
        CallerToAgent.RecordValue(Micros(agentReceived - sent));
        AgentToCaller.RecordValue(Micros(arrival - agentSent));
        AgentTurnaround.RecordValue(Micros(agentSent - agentReceived));
    }

    /// <summary>Records one cleared burst: when the clear was sent, when the burst's last frame and the notice arrived, how many came after.</summary>
    public void OnCleared(long clearSent, long lastBurstArrival, long noticeArrival, int framesAfterClear)
    {
        ClearToNextAudio.RecordValue(Micros(noticeArrival - clearSent));
        Interlocked.Increment(ref _turns);
        if (framesAfterClear > 0)
        {
            Interlocked.Increment(ref _turnsWithLateFrames);
            Interlocked.Add(ref _lateFrames, framesAfterClear);
        }

        // Flush recorded as 1 µs when nothing came after the clear (the histogram's lowest value).
        Flush.RecordValue(Micros(lastBurstArrival - clearSent));
    }

    /// <summary>Clears everything (at the start of the measured window).</summary>
    public void Reset()
    {
        CallerToAgent.Reset();
        AgentToCaller.Reset();
        AgentTurnaround.Reset();
        Flush.Reset();
        ClearToNextAudio.Reset();
        Interlocked.Exchange(ref _turns, 0);
        Interlocked.Exchange(ref _turnsWithLateFrames, 0);
        Interlocked.Exchange(ref _lateFrames, 0);
    }

    private static long Micros(long ticks) => Math.Clamp(ticks * 1_000_000 / Stopwatch.Frequency, 1, 10_000_000);

    private static LongConcurrentHistogram NewHistogram() => new(1, 10_000_000, 3);
}
