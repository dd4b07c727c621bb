using System.Net;
using System.Net.Sockets;
using Telepath.Media.Timing;

namespace Telepath.Media.Rtp.Engine;

/// <summary>The send half: the pacer fed by the consumer, driven by the engine's single pacing thread.</summary>
internal sealed partial class RtpStream
{
    private static readonly Action<object?> s_onTimeoutTimer = static s => ((RtpStream)s!).OnTimeoutTimer();
    private static readonly Action<object?> s_onRtcpTimer = static s => ((RtpStream)s!).OnRtcpTimer();

    private readonly Lock _sendGate = new();
    private readonly RtpPacer _pacer;
    private readonly Rfc4733DtmfEncoder? _dtmfEncoder;
    private readonly LatencyHistogram _sendLatency;
    private readonly byte[] _frameBuffer;
    private readonly byte[] _sendBuffer;
    private readonly uint _timestampBase;

    private IPEndPoint? _remoteRtp;
    private SocketAddress? _remoteRtpAddress;
    private SocketAddress? _remoteRtcpAddress;
    private TimerHandle _timeoutTimer;
    private TimerHandle _rtcpTimer;
    private long _clockOrigin;
    private ushort _sequence;
    private uint _nextTimestamp;
    private bool _timestampStarted;
    private bool _silent = true;
    private bool _dtmfActive;
    private long _dtmfStart;
    private long _dtmfNextDue;
    private int _dtmfLength;
    private readonly byte[] _dtmfPacket = new byte[RtpHeader.FixedLength + Rfc4733DtmfDecoder.PayloadLength];

    // When the pacing thread next has work in the send half (written under _sendGate, read without it): lets its tick
    // pass a stream with nothing due, most of them at any moment, without taking the stream's lock.
    private long _paceDue = long.MaxValue;
    private long _packetsOut;
    private long _bytesOut;
    private long _framesFlushed;
    private long _dtmfOut;
    private long _sendErrors;

    /// <summary>
    /// Queues outgoing audio (any burst size); the pacer sends it as 20 ms frames. When the stream was silent
    /// the schedule restarts now, so the first frame of a talkspurt is due at once instead of waiting for a slot
    /// phase left over from earlier audio. A frame that is already due is sent here, on the caller's thread,
    /// rather than at the pacing thread's next tick: a real-time producer's frame leaves the moment it is complete.
    /// </summary>
    /// <returns>Bytes accepted; fewer than offered when the backlog is full.</returns>
    public int EnqueueAudio(ReadOnlySpan<byte> audio)
    {
        lock (_sendGate)
        {
            long now = _time.GetTimestamp();
            if (_silent && _pacer.QueuedFrames == 0 && !_dtmfActive)
            {
                _pacer.Start(now);
            }

            int accepted = _pacer.Enqueue(audio);
            if (!_dtmfActive && !IsClosed)
            {
                SendDueFrames(now);
            }

            UpdatePaceDue();
            return accepted;
        }
    }

    /// <summary>Gets the complete frames waiting to be sent (20 ms each), so a consumer can cap its playout latency.</summary>
    public int QueuedFrames
    {
        get
        {
            lock (_sendGate)
            {
                return _pacer.QueuedFrames;
            }
        }
    }

    /// <summary>Completes a trailing partial frame with the codec's silence at the end of an utterance.</summary>
    public void EndOfUtterance()
    {
        lock (_sendGate)
        {
            _pacer.PadPartialFrame(_settings.SilenceByte);
            UpdatePaceDue();
        }
    }

    /// <summary>Discards all queued outgoing audio at once (barge-in); the next frame sent carries the marker bit.</summary>
    /// <returns>The number of frames discarded.</returns>
    public int Flush()
    {
        lock (_sendGate)
        {
            int flushed = _pacer.Flush();
            _framesFlushed += flushed;
            _silent = true;
            UpdatePaceDue();
            return flushed;
        }
    }

    /// <summary>Sends one key press as RFC 4733 events; audio is held back meanwhile.</summary>
    /// <returns>False when no telephone-event type was negotiated, the digit is invalid, or a key press is still being sent.</returns>
    public bool SendDtmf(char digit, TimeSpan duration)
    {
        if (_dtmfEncoder is null || DtmfEvent.ToEventCode(digit) < 0 || duration <= TimeSpan.Zero
            || duration.Ticks * _settings.ClockRate / TimeSpan.TicksPerSecond > ushort.MaxValue)
        {
            return false;
        }

        lock (_sendGate)
        {
            if (_dtmfActive)
            {
                return false;
            }

            long now = _time.GetTimestamp();
            uint timestamp = TalkspurtTimestamp(now);
            _dtmfEncoder.Start(digit, duration, timestamp, _sequence);
            _nextTimestamp = timestamp + (uint)(duration.Ticks * _settings.ClockRate / TimeSpan.TicksPerSecond);
            _dtmfActive = true;
            _dtmfStart = now;
            _dtmfNextDue = now;
            _dtmfOut++;
            UpdatePaceDue();
            return true;
        }
    }

    /// <summary>Called by the pacing thread every tick: sends due frames and releases expired jitter gaps.</summary>
    internal void Pace(long now)
    {
        if (now >= Volatile.Read(ref _jitterDeadline))
        {
            OnJitterDeadline(now);
        }

        if (now < Volatile.Read(ref _paceDue))
        {
            return;
        }

        lock (_sendGate)
        {
            if (IsClosed)
            {
                return;
            }

            if (_dtmfActive)
            {
                PaceDtmf(now);
            }
            else
            {
                SendDueFrames(now);
            }

            UpdatePaceDue();
        }
    }

    /// <summary>Gets when the pacing thread must next look at this stream: a frame or key-press packet due, a talkspurt to close, or a jitter gap to release.</summary>
    internal long PaceDue => Math.Min(Volatile.Read(ref _paceDue), Volatile.Read(ref _jitterDeadline));

    /// <summary>
    /// Publishes when the pacing thread must next look at this stream. Caller holds <c>_sendGate</c>. A silent stream
    /// with nothing queued has nothing due until audio or a key press arrives, and both update it then; a talkspurt
    /// whose queue ran dry is looked at once more, when its slot's late grace ends, to close the talkspurt.
    /// </summary>
    private void UpdatePaceDue()
    {
        long due = _dtmfActive ? _dtmfNextDue
            : _silent && _pacer.QueuedFrames == 0 ? long.MaxValue
            : _pacer.NextEventDue;
        Volatile.Write(ref _paceDue, due);
    }

    /// <summary>Sends every frame the pacer says is due at <paramref name="now"/>. Caller holds <c>_sendGate</c>.</summary>
    private void SendDueFrames(long now)
    {
        PacerResult result;
        while ((result = _pacer.Next(now, _frameBuffer)) != PacerResult.NotDue)
        {
            if (result == PacerResult.Underrun)
            {
                _silent = true;
                continue;
            }

            long due = _pacer.DueTime(_pacer.FrameIndex - 1);
            uint timestamp = _silent ? TalkspurtTimestamp(due) : _nextTimestamp;
            _nextTimestamp = timestamp + SamplesPerFrame;
            RtpPacketWriter.TryWrite(
                _sendBuffer, _silent, _settings.PayloadType, _sequence, timestamp, Ssrc, _frameBuffer, out int length);
            bool sent = Send(_sendBuffer.AsSpan(0, length));
            if (sent)
            {
                _bytesOut += _frameBuffer.Length;
            }

            _sequence++;
            _silent = false;
            _sendLatency.RecordElapsed(_pacer.LastFrameReady, _time.GetTimestamp());
            if (sent)
            {
                NotifyAudioSent(_frameBuffer.Length);
            }
        }
    }

    private void PaceDtmf(long now)
    {
        while (now >= _dtmfNextDue)
        {
            if (_dtmfLength > 0)
            {
                if (Send(_dtmfPacket.AsSpan(0, _dtmfLength)))
                {
                    _bytesOut += Rfc4733DtmfDecoder.PayloadLength;
                }

                _sequence++;
                _dtmfLength = 0;
            }

            if (!_dtmfEncoder!.TryWriteNext(_dtmfPacket, out _dtmfLength, out TimeSpan offset))
            {
                // Done: audio resumes as a new talkspurt with a fresh schedule (RFC 3551 §4.1 marker).
                _dtmfActive = false;
                _silent = true;
                _pacer.Start(now);
                return;
            }

            _dtmfNextDue = _dtmfStart + ToTicks(offset);
        }
    }

    private void NotifyAudioSent(int byteCount)
    {
        try
        {
            _consumer.OnAudioSent(byteCount);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The pacing thread serves every stream; a faulty consumer must not stop it.
            RtpEngineLog.ConsumerFailed(_logger, Ports.Rtp, exception);
        }
    }

    /// <summary>
    /// The RTP timestamp of a talkspurt's first packet: the media clock at that instant, so silence advances it
    /// (RFC 3550 §5.1), but never before the end of the audio already sent. A talkspurt that starts within a frame of
    /// the last one (after a barge-in flush, after a key press, or after the slot phase moved earlier) would otherwise
    /// overlap it, and a receiver would play or drop the overlap. Within a talkspurt each frame advances the timestamp
    /// by exactly its samples, whenever it is sent.
    /// </summary>
    private uint TalkspurtTimestamp(long timestamp)
    {
        uint media = MediaTimestamp(timestamp);
        if (_timestampStarted && (int)(media - _nextTimestamp) < 0)
        {
            return _nextTimestamp;
        }

        _timestampStarted = true;
        return media;
    }

    private uint SamplesPerFrame => (uint)(_settings.ClockRate * _pacer.FrameDuration.Ticks / TimeSpan.TicksPerSecond);

    /// <summary>The RTP timestamp of an instant: the media clock runs with wall time (RFC 3550 §5.1).</summary>
    private uint MediaTimestamp(long timestamp) =>
        _timestampBase + (uint)(long)((Int128)(timestamp - _clockOrigin) * _settings.ClockRate / _frequency);

    private bool Send(ReadOnlySpan<byte> packet)
    {
        SocketAddress? remote = Volatile.Read(ref _remoteRtpAddress);
        if (remote is null)
        {
            return false;
        }

        try
        {
            _rtpSocket.SendTo(packet, SocketFlags.None, remote);
            _packetsOut++;
            return true;
        }
        catch (SocketException)
        {
            _sendErrors++;
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>Publishes a new send target; the serialised addresses make every SendTo allocation-free.</summary>
    private void PublishRemote(IPEndPoint remote)
    {
        Volatile.Write(ref _remoteRtpAddress, remote.Serialize());
        if (_rtcpSource is null)
        {
            Volatile.Write(ref _remoteRtcpAddress, new IPEndPoint(remote.Address, Math.Min(remote.Port + 1, IPEndPoint.MaxPort)).Serialize());
        }

        Volatile.Write(ref _remoteRtp, remote);
    }
}
