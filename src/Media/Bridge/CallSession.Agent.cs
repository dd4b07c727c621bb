using System.Threading.Channels;
using Telepath.Media.Agents;
using Telepath.Media.Edge;
using Telepath.Media.Rtp.Engine;

namespace Telepath.Media.Bridge;

/// <summary>The agent → carrier half: one loop moving agent audio into the pacer, barge-in, turn bookkeeping.</summary>
internal sealed partial class CallSession
{
    /// <summary>How often the loop tops the pacer up from the backlog while agent audio waits (a frame's time).</summary>
    private static readonly TimeSpan s_backlogPoll = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Reads the agent's events until the connection ends. Returns <c>agent_hangup</c> or <c>agent_error</c> when the
    /// agent ended the call, null when the stream completed because we closed it.
    /// </summary>
    private async Task<string?> PumpAgentAsync()
    {
        ChannelReader<AgentEvent> events = _agent.Events;
        Task<bool>? waiting = null;
        while (true)
        {
            bool more;
            if (_backlog.IsEmpty && waiting is null)
            {
                more = await events.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                waiting ??= events.WaitToReadAsync(CancellationToken.None).AsTask();
                if (!_backlog.IsEmpty && !waiting.IsCompleted)
                {
                    // Audio waits for room in the pacer: wake every frame to top it up, or earlier for an event.
                    await Task.WhenAny(waiting, Task.Delay(s_backlogPoll, _time)).ConfigureAwait(false);
                    PumpBacklog();
                    if (!waiting.IsCompleted)
                    {
                        continue;
                    }
                }

                more = await waiting.ConfigureAwait(false);
                waiting = null;
            }

            if (!more)
            {
                return null;
            }

            while (events.TryRead(out AgentEvent agentEvent))
            {
                if (Handle(agentEvent) is string final)
                {
                    DrainEvents(events);
                    return final;
                }
            }
        }
    }

    /// <summary>Handles one event; returns the disconnect reason when it is the agent's last.</summary>
    private string? Handle(AgentEvent agentEvent)
    {
        long now = _time.GetTimestamp();
        switch (agentEvent.Kind)
        {
            case AgentEventKind.AudioChunk:
                OnAgentAudio(agentEvent, now);
                return null;
            case AgentEventKind.SpeechStarted:
                // Only a turn boundary: playout stops on Clear, which every adapter emits when its provider's
                // barge-in rules say so (OpenAI right after speech_started, ElevenLabs interruption, custom clear).
                // Flushing on a local energy VAD would cut the agent on line noise and break Twilio semantics,
                // where only the bot's clear stops playback.
                _recorder.OnCallerSpeechStarted(now);
                if (_leg.PendingBytes == 0 && _backlog.IsEmpty)
                {
                    // The agent had finished talking: its turn ended with its last frame.
                    _recorder.CloseAgentTurn(_leg.LastSentTimestamp, interrupted: false);
                }

                return null;
            case AgentEventKind.SpeechStopped:
                // The caller stopped speaking before the VAD could tell (its silence window): the adapter says when.
                _recorder.OnCallerSpeechStopped(agentEvent.OccurredAt is > 0 and var endedAt && endedAt <= now ? endedAt : now);
                return null;
            case AgentEventKind.Clear:
                BargeIn(now);
                return null;
            case AgentEventKind.ResponseDone:
                // A trailing partial frame would otherwise wait for bytes that never come.
                if (_backlog.IsEmpty)
                {
                    Stream.EndOfUtterance();
                }

                return null;
            case AgentEventKind.Hangup:
                return DisconnectReasons.AgentHangup;
            case AgentEventKind.Error:
                LogAgentError(_logger, CallId, agentEvent.Text ?? string.Empty);
                return DisconnectReasons.AgentError;
            default:
                return null;
        }
    }

    /// <summary>
    /// Gets a value indicating whether the dialog has the call on hold now. The UAS records a re-INVITE's answer
    /// before its 200 OK leaves, and the signal loop applies it to the leg one hand-off later; in between an agent
    /// that answers the caller's unhold at once would otherwise have its first words dropped as held audio.
    /// </summary>
    private bool DialogHolds => _call.Audio?.IsRemoteHold ?? false;

    private void OnAgentAudio(AgentEvent chunk, long received)
    {
        byte[] buffer = chunk.Buffer!;
        bool forwarding = _leg.Forwarding;
        if (!forwarding && DialogHolds)
        {
            // On hold (sendonly/inactive): nothing may be sent, and nothing is reported as played.
            chunk.ReturnBuffer();
            DropHeldAudio();
            return;
        }

        _recorder.OnAgentAudio(received, _leg.LastSentTimestamp);
        AgentAudioFormat carrier = _leg.CarrierFormat;
        if (carrier != _leg.AgentFormat)
        {
            // In place: G.711 ↔ G.711 is one byte per sample.
            AudioTranscoder.Convert(buffer.AsSpan(0, chunk.Length), _leg.AgentFormat, buffer, carrier);
        }

        if (!forwarding || !_backlog.IsEmpty)
        {
            // Behind earlier audio, or an unhold answered but not yet applied (DialogHolds): the backlog poll plays
            // it once the leg forwards again.
            _backlog.Add(buffer, 0, chunk.Length);
            PumpBacklog();
        }
        else
        {
            int accepted = Stream.EnqueueAudio(buffer.AsSpan(0, chunk.Length));
            _leg.AddQueued(accepted);
            if (accepted < chunk.Length)
            {
                _backlog.Add(buffer, accepted, chunk.Length - accepted);
            }
            else
            {
                chunk.ReturnBuffer();
            }
        }

        // Agent → carrier gateway processing: chunk taken from the agent's stream → frames handed to the pacer.
        _agentHandoff.RecordElapsed(received, _time.GetTimestamp());
    }

    private void PumpBacklog()
    {
        if (_backlog.IsEmpty)
        {
            return;
        }

        if (!_leg.Forwarding)
        {
            if (!DialogHolds)
            {
                // Unhold answered but not yet applied to the leg: wait for it (see DialogHolds).
                return;
            }

            // RFC 3264 §8.4: on hold nothing may be sent. The signal loop flushed the pacer, but the backlog belongs
            // to this loop and used to be pumped into the pacer right behind that flush, so seconds of queued speech
            // reached a held caller (found by the silo end-to-end hold test). Drop it here instead.
            DropHeldAudio();
            return;
        }

        _leg.AddQueued(_backlog.PumpInto(Stream));
    }

    /// <summary>
    /// On hold (agent loop): forgets everything not yet sent — the pacer (again, in case a pump raced the signal
    /// loop's flush), the backlog, and the queued count, so a later barge-in or turn does not see stale audio.
    /// </summary>
    private void DropHeldAudio()
    {
        Stream.Flush();
        _backlog.Clear();
        _leg.ForgetPending();
    }

    /// <summary>
    /// Barge-in: drop every unsent frame at once (pacer and backlog); the adapter has already been told what was
    /// played, frame by frame, through <see cref="IAgentConnection.MarkPlayed"/>. Counts an interruption only when
    /// agent audio was actually still playing.
    /// </summary>
    private void BargeIn(long now)
    {
        int flushed = Stream.Flush();
        long backlog = _backlog.Clear();
        long pending = _leg.ForgetPending();
        bool playing = flushed > 0 || backlog > 0 || pending > 0;
        if (playing || _recorder.AgentTurnOpen)
        {
            _recorder.CloseAgentTurn(playing ? now : _leg.LastSentTimestamp, playing);
        }

        if (playing)
        {
            LogBargeIn(_logger, CallId, flushed);
        }
    }

    /// <summary>After the agent hung up: let its last words reach the caller (bounded), unless the caller left first.</summary>
    private async Task PlayOutAsync(Task callerGone)
    {
        long deadline = _time.GetTimestamp() + (long)(_options.HangupPlayoutTimeout.TotalSeconds * _time.TimestampFrequency);
        bool padded = false;
        while (!callerGone.IsCompleted && _time.GetTimestamp() < deadline)
        {
            PumpBacklog();
            if (_backlog.IsEmpty && !padded)
            {
                Stream.EndOfUtterance();
                padded = true;
            }

            if (_backlog.IsEmpty && Stream.QueuedFrames == 0)
            {
                return;
            }

            await Task.Delay(s_backlogPoll, _time).ConfigureAwait(false);
        }
    }

    private static void DrainEvents(ChannelReader<AgentEvent> events)
    {
        while (events.TryRead(out AgentEvent left))
        {
            left.ReturnBuffer();
        }
    }
}
