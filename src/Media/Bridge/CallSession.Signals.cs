using Telepath.Media.Agents;
using Telepath.Media.Edge;
using Telepath.Media.Rtp.Engine;
using Telepath.Media.Sdp;
using Telepath.Media.Sip.UserAgent;

namespace Telepath.Media.Bridge;

/// <summary>The dialog half: hold, re-INVITE media changes, SIP INFO DTMF, termination, and the progress checkpoints.</summary>
internal sealed partial class CallSession
{
    /// <summary>Reads the dialog's signals until it ends; returns the termination (null if the stream just completed).</summary>
    private async Task<CallTerminatedSignal?> PumpSignalsAsync()
    {
        await foreach (CallSignal signal in _call.Signals.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            switch (signal)
            {
                case DtmfSignal dtmf:
                    _agent.SendDtmf(dtmf.Digit);
                    break;
                case MediaUpdatedSignal updated:
                    OnMediaUpdated(updated.Audio);
                    break;
                case CallTerminatedSignal terminated:
                    return terminated;
            }
        }

        return null;
    }

    /// <summary>
    /// Applies a re-INVITE/UPDATE. Supported: hold and unhold (RFC 3264 §8.4: sendonly/inactive/c=0.0.0.0 stop
    /// audio both ways and flush playout; sendrecv resumes), a new remote address (applied until symmetric RTP has
    /// latched, which then follows the packets), and a switch between PCMU and PCMA or of the telephone-event type:
    /// the stream is reopened on the same ports with the new payload types, and audio is converted between the new
    /// carrier codec and the one the agent was set up with (G.711 ↔ G.711, a table lookup per byte).
    /// </summary>
    private void OnMediaUpdated(NegotiatedAudio audio)
    {
        RtpStream current = Stream;
        RtpStreamSettings settings = SettingsFor(audio);
        if (settings.PayloadType != current.Settings.PayloadType || settings.TelephoneEventPayloadType != current.Settings.TelephoneEventPayloadType
            || settings.FrameMilliseconds != current.Settings.FrameMilliseconds)
        {
            if (!Reopen(current, settings))
            {
                return;
            }

            _leg.CarrierFormat = G711Formats.FromCodec(audio.Codec);
            LogCodecChanged(_logger, CallId, audio.Codec.Name);
        }
        else if (settings.Remote is not null)
        {
            current.SetRemote(settings.Remote);
        }

        bool hold = audio.IsRemoteHold;
        if (hold == !_leg.Forwarding)
        {
            return;
        }

        // Forwarding is switched off before the flush so the agent loop stops queueing first.
        _leg.Forwarding = !hold;
        if (hold)
        {
            Stream.Flush();
        }

        LogHold(_logger, CallId, hold);
    }

    private bool Reopen(RtpStream current, RtpStreamSettings settings)
    {
        // Keep the old stream's send times for the call's gateway figure before it goes (the carrier → agent half
        // is the agent connection's, which outlives the stream).
        _retiredLatency.Add(current.SendLatency);
        _recorder.SampleJitter(current.GetStatistics().JitterMilliseconds);
        current.Dispose();
        if (!_engine.TryOpenStream(current.Ports, settings, _leg, out RtpStream? next))
        {
            LogStreamFailed(_logger, CallId, current.Ports.Rtp);
            _leg.Forwarding = false;
            return false;
        }

        Volatile.Write(ref _stream, next);
        return true;
    }

    /// <summary>Every <see cref="BridgeOptions.CheckpointInterval"/>: new turns and the metrics so far, to the silo.</summary>
    private async Task CheckpointLoopAsync(CancellationToken cancellationToken)
    {
        if (_options.CheckpointInterval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(_options.CheckpointInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                _recorder.SampleJitter(Stream.GetStatistics().JitterMilliseconds);
                var progress = new CallProgressEvent(CallId, _recorder.TakeNewTurns(), CurrentMetrics() with { SetupMs = _call.SetupMs });
                await _events.CallProgressAsync(progress, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The call ended.
        }
#pragma warning disable CA1031 // A failed checkpoint must not end the call; the final summary still carries everything.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogReportFailed(_logger, CallId, ex);
        }
    }
}
