using System.Buffers.Binary;

namespace Telepath.Media.Rtp;

/// <summary>
/// Writes RTP packets (RFC 3550 §5.1: version 2, no padding, no extension, no CSRC) into caller-owned buffers.
/// </summary>
internal static class RtpPacketWriter
{
    /// <summary>
    /// Writes the 12-byte fixed header. The caller can then encode the payload straight into
    /// <c>destination[RtpHeader.FixedLength..]</c> without an intermediate copy.
    /// </summary>
    /// <returns>False when <paramref name="destination"/> is shorter than 12 bytes or the payload type exceeds 127.</returns>
    public static bool TryWriteHeader(
        Span<byte> destination, bool marker, byte payloadType, ushort sequenceNumber, uint timestamp, uint ssrc)
    {
        if (destination.Length < RtpHeader.FixedLength || payloadType > 127)
        {
            return false;
        }

        destination[0] = RtpHeader.SupportedVersion << 6;
        destination[1] = (byte)((marker ? 0x80 : 0) | payloadType);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], sequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], ssrc);
        return true;
    }

    /// <summary>Writes a complete packet: header followed by <paramref name="payload"/>.</summary>
    /// <param name="written">Total bytes written, or 0 on failure.</param>
    public static bool TryWrite(
        Span<byte> destination,
        bool marker,
        byte payloadType,
        ushort sequenceNumber,
        uint timestamp,
        uint ssrc,
        ReadOnlySpan<byte> payload,
        out int written)
    {
        written = 0;
        if (destination.Length < RtpHeader.FixedLength + payload.Length
            || !TryWriteHeader(destination, marker, payloadType, sequenceNumber, timestamp, ssrc))
        {
            return false;
        }

        payload.CopyTo(destination[RtpHeader.FixedLength..]);
        written = RtpHeader.FixedLength + payload.Length;
        return true;
    }
}
