using System.Net;
using Telepath.Media.Rtp.Rtcp;

namespace Telepath.Media.Rtp.Engine;

/// <summary>The receive half: validation, symmetric RTP latching with the hijack guard, jitter buffer, delivery.</summary>
internal sealed partial class RtpStream
{
    private readonly Lock _receiveGate = new();
    private readonly JitterBuffer _jitterBuffer;
    private readonly RtpReceiverStatistics _receiverStatistics;
    private readonly Rfc4733DtmfDecoder _dtmfDecoder;
    private readonly LatencyHistogram _receiveLatency;
    private readonly byte[] _popBuffer = new byte[MaxPayloadBytes];
    private readonly long[] _drops = new long[(int)RtpDropReason.Other + 1];

    private IPEndPoint? _latched;
    private IPEndPoint? _candidate;
    private int _candidateCount;
    private uint _remoteSsrc;
    private long _lastLatchedArrival;
    private long _lastRtpArrival;
    private long _jitterDeadline = long.MaxValue;
    private long _packetsIn;
    private long _bytesIn;
    private long _relatches;
    private long _dtmfIn;
    private bool _timedOut;

    /// <summary>Handles one RTP datagram; never throws for bad input.</summary>
    internal void OnRtpDatagram(ReadOnlySpan<byte> datagram, IPEndPoint from, long arrival)
    {
        lock (_receiveGate)
        {
            if (datagram.Length < RtpHeader.FixedLength)
            {
                Drop(RtpDropReason.Short);
                return;
            }

            if ((datagram[0] >> 6) != RtpHeader.SupportedVersion)
            {
                Drop(RtpDropReason.WrongVersion);
                return;
            }

            if (!RtpHeader.TryParse(datagram, out RtpHeader header))
            {
                Drop(RtpDropReason.Malformed);
                return;
            }

            byte payloadType = header.PayloadType;
            if (payloadType != _settings.PayloadType && payloadType != _settings.TelephoneEventPayloadType)
            {
                Drop(RtpDropReason.UnknownPayloadType);
                return;
            }

            if (!Latch(from, header.Ssrc, arrival))
            {
                Drop(RtpDropReason.Stranger);
                return;
            }

            Volatile.Write(ref _lastRtpArrival, arrival);
            _receiverStatistics.OnPacket(header.SequenceNumber, header.Timestamp, arrival);
            switch (_jitterBuffer.Push(header, arrival))
            {
                case JitterBufferPushResult.Accepted:
                case JitterBufferPushResult.Restarted:
                    _packetsIn++;
                    _bytesIn += header.PayloadLength;
                    break;
                case JitterBufferPushResult.Duplicate:
                    Drop(RtpDropReason.Duplicate);
                    return;
                case JitterBufferPushResult.Late:
                    Drop(RtpDropReason.Late);
                    return;
                default:
                    Drop(RtpDropReason.Other);
                    return;
            }

            Drain(arrival);
        }
    }

    /// <summary>
    /// Symmetric RTP (RFC 4961 behaviour, as SBCs do for NAT): the first valid packet latches the stream to its
    /// source address and SSRC. The hijack guard: another address takes over only when (a) it carries the latched
    /// SSRC, (b) the latched address has been silent for <see cref="RtpEngineOptions.RelatchQuietPeriod"/>, and
    /// (c) it sends <see cref="RtpEngineOptions.RelatchPackets"/> such packets in a row. A packet from the old
    /// address resets the count. A blind attacker must guess the SSRC and wait for the real source to stop, so it
    /// cannot steal a live call; a caller whose NAT binding changed (same SSRC, old path dead) is followed.
    /// </summary>
    private bool Latch(IPEndPoint from, uint ssrc, long arrival)
    {
        if (_latched is null)
        {
            _latched = new IPEndPoint(from.Address, from.Port);
            _remoteSsrc = ssrc;
            _lastLatchedArrival = arrival;
            PublishRemote(_latched);
            RtpEngineLog.Latched(_logger, Ports.Rtp, _latched);
            return true;
        }

        if (_latched.Equals(from))
        {
            _lastLatchedArrival = arrival;
            _candidateCount = 0;
            if (ssrc != _remoteSsrc)
            {
                // The same peer restarted its stream (e.g. after a re-INVITE): start a fresh sequence space.
                _remoteSsrc = ssrc;
                _jitterBuffer.Reset();
                _dtmfDecoder.Reset();
            }

            return true;
        }

        if (ssrc != _remoteSsrc || arrival - _lastLatchedArrival < ToTicks(_options.RelatchQuietPeriod))
        {
            _candidateCount = 0;
            return false;
        }

        if (_candidate is not null && _candidate.Equals(from))
        {
            _candidateCount++;
        }
        else
        {
            _candidate = new IPEndPoint(from.Address, from.Port);
            _candidateCount = 1;
        }

        if (_candidateCount < _options.RelatchPackets)
        {
            return false;
        }

        IPEndPoint previous = _latched;
        _latched = _candidate;
        _candidate = null;
        _candidateCount = 0;
        _lastLatchedArrival = arrival;
        _relatches++;
        PublishRemote(_latched);
        RtpEngineLog.Relatched(_logger, Ports.Rtp, previous, _latched);
        return true;
    }

    /// <summary>Releases every in-order packet the jitter buffer can give now and arms the gap deadline.</summary>
    private void Drain(long arrival)
    {
        long now = arrival;
        while (_jitterBuffer.TryPop(now, _popBuffer, out JitterBufferFrame frame))
        {
            ReadOnlySpan<byte> payload = _popBuffer.AsSpan(0, frame.PayloadLength);
            if (frame.PayloadType == _settings.PayloadType)
            {
                // Recorded after the callback so the engine's figure covers the consumer's hand-off too (for the
                // bridge: arrival → frame written to the agent's socket, or queued behind a write already under way).
                // The call's gateway processing always runs on to the socket (IAgentConnection.CallerAudioLatency).
                Deliver(payload, frame.Timestamp, frame.LostBefore, arrival);
                _receiveLatency.RecordElapsed(arrival, _time.GetTimestamp());
            }
            else if (_dtmfDecoder.Decode(payload, frame.Timestamp, out DtmfEvent dtmf) == DtmfDecodeStatus.Ended)
            {
                _dtmfIn++;
                DeliverDtmf(dtmf);
            }
        }

        Volatile.Write(ref _jitterDeadline, _jitterBuffer.TryGetDeadline(out long deadline) ? deadline : long.MaxValue);
    }

    /// <summary>Called by the pacing thread when a gap's wait has expired.</summary>
    private void OnJitterDeadline(long now)
    {
        lock (_receiveGate)
        {
            if (!IsClosed)
            {
                Drain(now);
            }
        }
    }

    private void Deliver(ReadOnlySpan<byte> payload, uint timestamp, int lostBefore, long arrival)
    {
        try
        {
            _consumer.OnAudio(payload, timestamp, lostBefore, arrival);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A faulty consumer must not kill the receive loop for this or any other stream.
            RtpEngineLog.ConsumerFailed(_logger, Ports.Rtp, exception);
        }
    }

    private void DeliverDtmf(DtmfEvent dtmf)
    {
        try
        {
            _consumer.OnDtmf(dtmf);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            RtpEngineLog.ConsumerFailed(_logger, Ports.Rtp, exception);
        }
    }

    private void Drop(RtpDropReason reason) => _drops[(int)reason]++;

    /// <summary>Media-timeout timer: fires <see cref="IRtpStreamConsumer.OnTimeout"/> once, or re-arms from the last packet.</summary>
    private void OnTimeoutTimer()
    {
        long now = _time.GetTimestamp();
        long due = Volatile.Read(ref _lastRtpArrival) + ToTicks(_options.MediaTimeout);
        if (IsClosed)
        {
            return;
        }

        if (now < due)
        {
            // Packets came since the timer was armed: one re-arm per timeout period, not one per packet.
            _timeoutTimer = _engine.Timers.ScheduleAt(due, s_onTimeoutTimer, this);
            return;
        }

        lock (_receiveGate)
        {
            if (_timedOut)
            {
                return;
            }

            _timedOut = true;
        }

        RtpEngineLog.MediaTimeout(_logger, Ports.Rtp, _options.MediaTimeout);
        lock (_receiveGate)
        {
            try
            {
                _consumer.OnTimeout();
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                RtpEngineLog.ConsumerFailed(_logger, Ports.Rtp, exception);
            }
        }
    }
}
