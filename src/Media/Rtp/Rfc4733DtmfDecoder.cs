using System.Buffers.Binary;

namespace Telepath.Media.Rtp;

/// <summary>
/// Turns a stream of RFC 4733 telephone-event payloads into one <see cref="DtmfEvent"/> per key press.
/// One instance per stream, fed from the call's loop; not thread-safe.
/// </summary>
/// <remarks>
/// RFC 4733 §2.3: all packets of one event share its RTP timestamp; the duration grows with each update;
/// the E bit marks the end, and §2.5.1.4 has the end packet sent three times. The decoder identifies events
/// by timestamp, so the redundant end packets and any late updates are absorbed. If a new timestamp arrives
/// before the previous event's end packet (all three lost), the previous event is reported as ended with
/// its last known duration (§2.5.2.2).
/// </remarks>
internal sealed class Rfc4733DtmfDecoder
{
    /// <summary>Size of a telephone-event payload (RFC 4733 §2.3).</summary>
    public const int PayloadLength = 4;

    private readonly int _clockRate;
    private bool _active;
    private bool _ended;
    private uint _timestamp;
    private byte _eventCode;
    private byte _volume;
    private ushort _duration;

    /// <summary>Creates a decoder for a telephone-event stream at <paramref name="clockRate"/> Hz.</summary>
    public Rfc4733DtmfDecoder(int clockRate = 8000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clockRate, 1);
        _clockRate = clockRate;
    }

    /// <summary>Feeds one telephone-event payload.</summary>
    /// <param name="payload">The RTP payload (4 bytes; trailing redundancy is ignored).</param>
    /// <param name="rtpTimestamp">The packet's RTP timestamp.</param>
    /// <param name="completed">The finished key press when the result is <see cref="DtmfDecodeStatus.Ended"/>.</param>
    public DtmfDecodeStatus Decode(ReadOnlySpan<byte> payload, uint rtpTimestamp, out DtmfEvent completed)
    {
        completed = default;
        if (payload.Length < PayloadLength)
        {
            return DtmfDecodeStatus.Invalid;
        }

        byte code = payload[0];
        bool end = (payload[1] & 0x80) != 0;
        byte volume = (byte)(payload[1] & 0x3F);
        ushort duration = BinaryPrimitives.ReadUInt16BigEndian(payload[2..]);

        if (_active && rtpTimestamp == _timestamp)
        {
            if (_ended)
            {
                return DtmfDecodeStatus.Continued;
            }

            if (duration > _duration)
            {
                _duration = duration;
            }

            if (!end)
            {
                return DtmfDecodeStatus.Continued;
            }

            _ended = true;
            return Complete(out completed);
        }

        // A new event. If the previous one never saw its end, it ends now.
        bool previousOpen = _active && !_ended;
        DtmfEvent previous = default;
        bool reportPrevious = previousOpen && Complete(out previous) == DtmfDecodeStatus.Ended;

        _active = true;
        _ended = end;
        _timestamp = rtpTimestamp;
        _eventCode = code;
        _volume = volume;
        _duration = duration;

        if (reportPrevious)
        {
            completed = previous;
            return DtmfDecodeStatus.Ended;
        }

        if (end)
        {
            // A lone end packet (the start was lost): still one key press.
            return Complete(out completed);
        }

        return DtmfEvent.ToDigit(code) == '\0' ? DtmfDecodeStatus.Continued : DtmfDecodeStatus.Started;
    }

    /// <summary>Forgets any event in progress.</summary>
    public void Reset() => _active = false;

    private DtmfDecodeStatus Complete(out DtmfEvent completed)
    {
        char digit = DtmfEvent.ToDigit(_eventCode);
        if (digit == '\0')
        {
            completed = default;
            return DtmfDecodeStatus.Continued;
        }

        var duration = TimeSpan.FromTicks(_duration * TimeSpan.TicksPerSecond / _clockRate);
        completed = new DtmfEvent(digit, _eventCode, duration, _volume, _timestamp);
        return DtmfDecodeStatus.Ended;
    }
}
