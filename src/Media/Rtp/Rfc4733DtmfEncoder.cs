using System.Buffers.Binary;

namespace Telepath.Media.Rtp;

/// <summary>
/// Produces the RFC 4733 packets for one key press, one at a time, for the sender to pace out.
/// One instance per outgoing stream; not thread-safe.
/// </summary>
/// <remarks>
/// RFC 4733 §2.5.1: every packet of the event carries the event's start timestamp; the first has the marker
/// bit; updates follow every <c>updateInterval</c> with a growing duration; the final packet has the E bit
/// and is sent three times in all (§2.5.1.4), each with a new sequence number and the same timestamp and
/// duration: the first when the key is released, the copies one interval apart.
/// </remarks>
internal sealed class Rfc4733DtmfEncoder
{
    /// <summary>Copies of the end packet sent (RFC 4733 §2.5.1.4).</summary>
    public const int EndPacketCount = 3;

    private readonly byte _payloadType;
    private readonly uint _ssrc;
    private readonly int _clockRate;
    private readonly int _updateSamples;

    private byte _eventCode;
    private byte _volume;
    private uint _timestamp;
    private ushort _sequence;
    private int _totalSamples;
    private int _updates;
    private int _index;
    private int _packetCount;

    /// <summary>Creates an encoder.</summary>
    /// <param name="payloadType">The negotiated telephone-event payload type (dynamic, e.g. 101).</param>
    /// <param name="ssrc">The stream's SSRC (shared with the audio it interrupts).</param>
    /// <param name="clockRate">The telephone-event clock rate (8000 for narrow-band calls).</param>
    /// <param name="updateInterval">Spacing of updates; defaults to 20 ms, the audio packetisation interval.</param>
    public Rfc4733DtmfEncoder(byte payloadType, uint ssrc, int clockRate = 8000, TimeSpan? updateInterval = null)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payloadType, (byte)127);
        ArgumentOutOfRangeException.ThrowIfLessThan(clockRate, 1);
        _payloadType = payloadType;
        _ssrc = ssrc;
        _clockRate = clockRate;
        _updateSamples = (int)((updateInterval ?? TimeSpan.FromMilliseconds(20)).Ticks * clockRate / TimeSpan.TicksPerSecond);
        ArgumentOutOfRangeException.ThrowIfLessThan(_updateSamples, 1, nameof(updateInterval));
        UpdateInterval = TimeSpan.FromTicks(_updateSamples * TimeSpan.TicksPerSecond / clockRate);
    }

    /// <summary>Gets the spacing between packets.</summary>
    public TimeSpan UpdateInterval { get; }

    /// <summary>Gets the number of packets left to write for the current digit.</summary>
    public int Remaining => _packetCount - _index;

    /// <summary>Gets the sequence number the next packet will carry (continue the audio stream from here afterwards).</summary>
    public ushort NextSequenceNumber => _sequence;

    /// <summary>Starts a key press.</summary>
    /// <param name="digit">'0'–'9', '*', '#', 'A'–'D'.</param>
    /// <param name="duration">How long the key is held (at most 65535 samples).</param>
    /// <param name="rtpTimestamp">The event's timestamp: the media time at which the key press begins.</param>
    /// <param name="firstSequenceNumber">The next sequence number of the stream.</param>
    /// <param name="volume">Power level in −dBm0 (0–63); 10 is typical.</param>
    public void Start(char digit, TimeSpan duration, uint rtpTimestamp, ushort firstSequenceNumber, byte volume = 10)
    {
        int code = DtmfEvent.ToEventCode(digit);
        if (code < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(digit), digit, "Not a DTMF key.");
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(volume, (byte)63);
        long samples = duration.Ticks * _clockRate / TimeSpan.TicksPerSecond;
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1, nameof(duration));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(samples, ushort.MaxValue, nameof(duration));

        _eventCode = (byte)code;
        _volume = volume;
        _timestamp = rtpTimestamp;
        _sequence = firstSequenceNumber;
        _totalSamples = (int)samples;

        // Updates at 1, 2, … intervals while shorter than the total; then the end packets carry the total.
        _updates = (_totalSamples - 1) / _updateSamples;
        _packetCount = _updates + EndPacketCount;
        _index = 0;
    }

    /// <summary>Writes the next packet of the current digit.</summary>
    /// <param name="destination">Receives the packet (16 bytes).</param>
    /// <param name="written">Bytes written.</param>
    /// <param name="sendOffset">When to send it, relative to the start of the key press.</param>
    /// <returns>False when the digit is complete or <paramref name="destination"/> is too small.</returns>
    public bool TryWriteNext(Span<byte> destination, out int written, out TimeSpan sendOffset)
    {
        written = 0;
        sendOffset = TimeSpan.Zero;
        if (_index >= _packetCount || destination.Length < RtpHeader.FixedLength + Rfc4733DtmfDecoder.PayloadLength)
        {
            return false;
        }

        bool end = _index >= _updates;
        int duration = end ? _totalSamples : (_index + 1) * _updateSamples;
        int sendSamples = end ? _totalSamples + ((_index - _updates) * _updateSamples) : _index * _updateSamples;
        RtpPacketWriter.TryWriteHeader(destination, _index == 0, _payloadType, _sequence, _timestamp, _ssrc);
        Span<byte> payload = destination[RtpHeader.FixedLength..];
        payload[0] = _eventCode;
        payload[1] = (byte)((end ? 0x80 : 0) | _volume);
        BinaryPrimitives.WriteUInt16BigEndian(payload[2..], (ushort)duration);

        written = RtpHeader.FixedLength + Rfc4733DtmfDecoder.PayloadLength;
        sendOffset = TimeSpan.FromTicks(sendSamples * TimeSpan.TicksPerSecond / _clockRate);
        _sequence++;
        _index++;
        return true;
    }
}
