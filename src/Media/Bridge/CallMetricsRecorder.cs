using Telepath.Media.Edge;
using Telepath.Media.Rtp.Engine;

namespace Telepath.Media.Bridge;

/// <summary>
/// Turns, AI latency and interruptions of one call (spec §6), fed by the session's agent loop and read by its
/// checkpoints; one lock, never held while calling out.
/// </summary>
/// <remarks>
/// <para>Caller turn: from the agent's <c>SpeechStarted</c> to its <c>SpeechStopped</c> (provider VAD, or the adapter's
/// energy VAD). Agent turn: from its first audio chunk to the last frame sent to the caller, or to the barge-in
/// that cut it (then <c>interrupted</c>). AI latency of an agent turn: the caller's latest <c>SpeechStopped</c>
/// before it → its first audio chunk; a turn without a preceding end of speech (the greeting) has none.</para>
/// </remarks>
internal sealed class CallMetricsRecorder
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly List<CallTurn> _turns = [];
    private readonly List<double> _aiLatencies = [];
    private int _reported;
    private int _turnNumber;
    private int _interruptions;
    private OpenTurn? _caller;
    private OpenTurn? _agent;
    private long _speechStopped;
    private double _jitterSum;
    private int _jitterSamples;

    /// <summary>Creates a recorder on the call's clock.</summary>
    public CallMetricsRecorder(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>Gets a value indicating whether an agent turn is open.</summary>
    public bool AgentTurnOpen
    {
        get
        {
            lock (_gate)
            {
                return _agent is not null;
            }
        }
    }

    /// <summary>Gets the barge-ins that cut agent audio.</summary>
    public int Interruptions
    {
        get
        {
            lock (_gate)
            {
                return _interruptions;
            }
        }
    }

    /// <summary>The caller started speaking.</summary>
    public void OnCallerSpeechStarted(long now)
    {
        lock (_gate)
        {
            _caller ??= Open(now, null);
        }
    }

    /// <summary>The caller stopped speaking: closes the caller turn and starts the AI-latency clock.</summary>
    public void OnCallerSpeechStopped(long now)
    {
        lock (_gate)
        {
            _speechStopped = now;
            if (_caller is OpenTurn turn)
            {
                Close(turn, TurnSpeaker.Caller, now, interrupted: false);
                _caller = null;
            }
        }
    }

    /// <summary>
    /// Agent audio arrived: opens an agent turn (measuring its AI latency) unless one is open. An open turn the caller
    /// has spoken after (and stopped) is over: this audio answers the caller, so it starts the next turn.
    /// </summary>
    /// <param name="now">When the chunk arrived.</param>
    /// <param name="lastSent">When the previous agent frame left for the caller (the open turn's end).</param>
    public void OnAgentAudio(long now, long lastSent)
    {
        lock (_gate)
        {
            if (_agent is OpenTurn open)
            {
                if (_speechStopped == 0)
                {
                    return;
                }

                Close(open, TurnSpeaker.Agent, Math.Max(lastSent, open.Start), interrupted: false);
                _agent = null;
            }

            double? latency = null;
            if (_speechStopped != 0)
            {
                latency = _time.GetElapsedTime(_speechStopped, now).TotalMilliseconds;
                _aiLatencies.Add(latency.Value);
                _speechStopped = 0;
            }

            _agent = Open(now, latency);
        }
    }

    /// <summary>Closes the open agent turn, if any; an interrupted one counts as an interruption.</summary>
    /// <param name="end">When the caller stopped hearing it: the barge-in, or the last frame sent.</param>
    /// <param name="interrupted">True when unplayed audio was discarded.</param>
    public void CloseAgentTurn(long end, bool interrupted)
    {
        lock (_gate)
        {
            if (interrupted)
            {
                _interruptions++;
            }

            if (_agent is OpenTurn turn)
            {
                Close(turn, TurnSpeaker.Agent, Math.Max(end, turn.Start), interrupted);
                _agent = null;
            }
        }
    }

    /// <summary>Adds one jitter sample (taken at checkpoints and at the end) to the call's mean.</summary>
    public void SampleJitter(double jitterMs)
    {
        lock (_gate)
        {
            _jitterSum += jitterMs;
            _jitterSamples++;
        }
    }

    /// <summary>Closes whatever is open at the end of the call.</summary>
    public void Finish(long now, long lastAgentFrame)
    {
        lock (_gate)
        {
            if (_caller is OpenTurn caller)
            {
                Close(caller, TurnSpeaker.Caller, now, interrupted: false);
                _caller = null;
            }
        }

        CloseAgentTurn(lastAgentFrame == 0 ? now : lastAgentFrame, interrupted: false);
    }

    /// <summary>Takes the turns finished since the previous call.</summary>
    public IReadOnlyList<CallTurn> TakeNewTurns()
    {
        lock (_gate)
        {
            if (_reported == _turns.Count)
            {
                return [];
            }

            CallTurn[] fresh = _turns.GetRange(_reported, _turns.Count - _reported).ToArray();
            _reported = _turns.Count;
            return fresh;
        }
    }

    /// <summary>Builds the call's metrics from what was recorded plus the media figures.</summary>
    /// <param name="statistics">The RTP stream's counters, or null when no stream was opened.</param>
    /// <param name="gateway">Per-frame processing times of both directions.</param>
    /// <param name="carrierLagFallbackMs">200 OK → first RTP, used when RTCP gave no round trip.</param>
    public CallMetrics Build(RtpStreamStatistics? statistics, LatencyHistogram gateway, double? carrierLagFallbackMs)
    {
        double? aiAverage;
        double? aiP95;
        double? jitter;
        int interruptions;
        lock (_gate)
        {
            aiAverage = _aiLatencies.Count == 0 ? null : Average(_aiLatencies);
            aiP95 = _aiLatencies.Count == 0 ? null : Percentile(_aiLatencies, 95);
            jitter = _jitterSamples == 0 ? statistics?.JitterMilliseconds : _jitterSum / _jitterSamples;
            interruptions = _interruptions;
        }

        double? carrierLag = statistics?.RoundTripMilliseconds is double rtt ? rtt / 2 : carrierLagFallbackMs;
        double? loss = statistics is null || statistics.PacketsIn == 0 ? null : statistics.LossPercent;
        double? mos = loss is double lossPercent
            ? Math.Round(EModel.EstimateMos(carrierLag ?? 0, jitter ?? 0, lossPercent), 2)
            : null;
        bool measured = gateway.Count > 0;
        return new CallMetrics(
            aiAverage,
            aiP95,
            measured ? gateway.MeanMicroseconds / 1000 : null,
            measured ? gateway.GetPercentileMicroseconds(99) / 1000 : null,
            carrierLag,
            null,
            statistics is null || statistics.PacketsIn == 0 ? null : jitter,
            loss,
            mos,
            interruptions);
    }

    private static double Average(List<double> values)
    {
        double sum = 0;
        foreach (double value in values)
        {
            sum += value;
        }

        return sum / values.Count;
    }

    /// <summary>Nearest-rank percentile.</summary>
    private static double Percentile(List<double> values, double percentile)
    {
        double[] sorted = [.. values];
        Array.Sort(sorted);
        int rank = Math.Max(1, (int)Math.Ceiling(percentile / 100 * sorted.Length));
        return sorted[rank - 1];
    }

    private OpenTurn Open(long start, double? processingMs) => new(++_turnNumber, start, _time.GetUtcNow(), processingMs);

    private void Close(OpenTurn turn, TurnSpeaker speaker, long end, bool interrupted) =>
        _turns.Add(new CallTurn(turn.Number, speaker, turn.StartedAt, _time.GetElapsedTime(turn.Start, end).TotalMilliseconds, turn.ProcessingMs, interrupted));

    private sealed record OpenTurn(int Number, long Start, DateTimeOffset StartedAt, double? ProcessingMs);
}
