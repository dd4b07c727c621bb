using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Telepath.Media.Rtp.Rtcp;

namespace Telepath.Media.Rtp.Engine;

/// <summary>The RTCP half: periodic SR/RR + SDES, parsing the peer's reports, and the statistics snapshot.</summary>
internal sealed partial class RtpStream
{
    private readonly byte[] _cname;
    private readonly byte[] _rtcpSendBuffer = new byte[512];
    private readonly RtcpReportBlock[] _reportBlock = new RtcpReportBlock[1];
    private IPEndPoint? _rtcpSource;
    private long _rtcpIn;
    private long _rtcpOut;
    private long _roundTripTicks = -1;
    private int _remoteFractionLost;

    /// <summary>Takes a snapshot of the counters (allocates; call per report, not per packet).</summary>
    public RtpStreamStatistics GetStatistics()
    {
        long packetsIn;
        long bytesIn;
        double loss;
        double jitter;
        long[] drops;
        long relatches;
        long dtmfIn;
        lock (_receiveGate)
        {
            packetsIn = _packetsIn;
            bytesIn = _bytesIn;
            long expected = _receiverStatistics.Expected;
            loss = expected <= 0 ? 0 : Math.Max(0, 100.0 * _receiverStatistics.CumulativeLost / expected);
            jitter = _receiverStatistics.JitterMilliseconds;
            drops = (long[])_drops.Clone();
            relatches = _relatches;
            dtmfIn = _dtmfIn;
        }

        lock (_sendGate)
        {
            long rtt = Volatile.Read(ref _roundTripTicks);
            return new RtpStreamStatistics(
                packetsIn,
                bytesIn,
                _packetsOut,
                _bytesOut,
                loss,
                jitter,
                rtt < 0 ? null : TimeSpan.FromTicks(rtt).TotalMilliseconds,
                Volatile.Read(ref _remoteFractionLost) * 100.0 / 256,
                drops,
                _framesFlushed,
                _pacer.Underruns,
                relatches,
                dtmfIn,
                _dtmfOut,
                Volatile.Read(ref _rtcpIn),
                Volatile.Read(ref _rtcpOut),
                _receiveLatency.GetPercentileMicroseconds(50),
                _receiveLatency.GetPercentileMicroseconds(99),
                _sendLatency.GetPercentileMicroseconds(50),
                _sendLatency.GetPercentileMicroseconds(99))
            {
                FramesSkipped = _pacer.SkippedFrames,
                PhaseShifts = _pacer.PhaseShifts,
            };
        }
    }

    /// <summary>Gets the per-packet receive latency: arrival → the consumer's <see cref="IRtpStreamConsumer.OnAudio"/> returned (one writer: the receive side).</summary>
    internal LatencyHistogram ReceiveLatency => _receiveLatency;

    /// <summary>Gets the per-frame send latency: a frame's due time (or its arrival, if later) → its send returned, pacing excluded (one writer: the pacing thread).</summary>
    internal LatencyHistogram SendLatency => _sendLatency;

    /// <summary>Counters for the engine's metrics, read without a snapshot allocation.</summary>
    internal void AddTotals(ref RtpEngineTotals totals)
    {
        totals.PacketsIn += Volatile.Read(ref _packetsIn);
        totals.PacketsOut += Volatile.Read(ref _packetsOut);
        totals.FramesFlushed += Volatile.Read(ref _framesFlushed);
        totals.SendErrors += Volatile.Read(ref _sendErrors);
        for (int i = 0; i < _drops.Length; i++)
        {
            totals.Drops[i] += Volatile.Read(ref _drops[i]);
        }
    }

    /// <summary>Handles one RTCP datagram: SRs feed our LSR/DLSR; report blocks about us give RTT and remote loss.</summary>
    private void OnRtcpDatagram(ReadOnlySpan<byte> datagram, IPEndPoint from, long arrival)
    {
        if (!RtcpCompoundReader.IsValidCompound(datagram))
        {
            return;
        }

        lock (_receiveGate)
        {
            if (_rtcpSource is null || !_rtcpSource.Equals(from))
            {
                // Symmetric RTCP: answer where reports come from, but only from the host RTP latched to.
                if (_latched is null || !_latched.Address.Equals(from.Address))
                {
                    return;
                }

                _rtcpSource = new IPEndPoint(from.Address, from.Port);
                Volatile.Write(ref _remoteRtcpAddress, _rtcpSource.Serialize());
            }

            Interlocked.Increment(ref _rtcpIn);
            var reader = new RtcpCompoundReader(datagram);
            while (reader.TryReadNext(out RtcpPacket packet))
            {
                if (packet.TryGetSenderInfo(out RtcpSenderInfo sender))
                {
                    _receiverStatistics.OnSenderReport(sender.NtpTimestamp, arrival);
                }

                for (int i = 0; i < packet.ReportBlockCount; i++)
                {
                    RtcpReportBlock block = packet.GetReportBlock(i);
                    if (block.Ssrc != Ssrc)
                    {
                        continue;
                    }

                    Volatile.Write(ref _remoteFractionLost, block.FractionLost);
                    if (RtcpRoundTrip.TryCompute(block, NtpTimestamp.Now(_time), out TimeSpan roundTrip))
                    {
                        Volatile.Write(ref _roundTripTicks, roundTrip.Ticks);
                    }
                }
            }
        }
    }

    /// <summary>RTCP timer (pacing thread): sends SR when we have sent RTP since the start, else RR; then SDES CNAME.</summary>
    private void OnRtcpTimer()
    {
        if (IsClosed)
        {
            return;
        }

        long now = _time.GetTimestamp();
        int blocks = 0;
        lock (_receiveGate)
        {
            if (_latched is not null && _receiverStatistics.Expected > 0)
            {
                _reportBlock[0] = _receiverStatistics.CreateReportBlock(_remoteSsrc, now);
                blocks = 1;
            }
        }

        Span<byte> buffer = _rtcpSendBuffer;
        int written;
        lock (_sendGate)
        {
            ReadOnlySpan<RtcpReportBlock> report = _reportBlock.AsSpan(0, blocks);
            if (_packetsOut > 0)
            {
                // RFC 3550 §6.4.1: the SR pairs an NTP wall-clock instant with the same instant on the RTP clock.
                var sender = new RtcpSenderInfo(NtpTimestamp.Now(_time), MediaTimestamp(now), (uint)_packetsOut, (uint)_bytesOut);
                RtcpWriter.TryWriteSenderReport(buffer, Ssrc, sender, report, out written);
            }
            else
            {
                RtcpWriter.TryWriteReceiverReport(buffer, Ssrc, report, out written);
            }
        }

        // RFC 3550 §6.1: every compound packet carries an SDES CNAME.
        RtcpWriter.TryWriteSourceDescription(buffer[written..], Ssrc, _cname, out int sdes);
        SocketAddress? remote = Volatile.Read(ref _remoteRtcpAddress);
        if (remote is not null)
        {
            try
            {
                _rtcpSocket.SendTo(buffer[..(written + sdes)], SocketFlags.None, remote);
                Interlocked.Increment(ref _rtcpOut);
            }
            catch (SocketException)
            {
                Interlocked.Increment(ref _sendErrors);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
        }

        if (!IsClosed)
        {
            _rtcpTimer = _engine.Timers.ScheduleAt(now + NextRtcpDelay(), s_onRtcpTimer, this);
        }
    }

    /// <summary>RFC 3550 §6.3.1: the interval is randomised over [0.5, 1.5] × the mean so reports do not synchronise.</summary>
    private long NextRtcpDelay()
    {
        long mean = ToTicks(_options.RtcpInterval);
        return (mean / 2) + (long)(mean * (RandomNumberGenerator.GetInt32(1000) / 1000.0));
    }
}
