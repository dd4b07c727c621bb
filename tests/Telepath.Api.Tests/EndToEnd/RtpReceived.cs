using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Telepath.Api.Tests.EndToEnd;

/// <summary>One RTP packet as the caller received it (RFC 3550 §5.1 header fields and the payload).</summary>
internal sealed record RtpReceived(byte PayloadType, bool Marker, ushort Sequence, uint Timestamp, uint Ssrc, byte[] Payload)
{
    /// <summary>Parses a version-2 packet, skipping CSRCs and a header extension (RFC 3550 §5.3.1); false for anything else (e.g. RTCP).</summary>
    public static bool TryParse(ReadOnlySpan<byte> datagram, [NotNullWhen(true)] out RtpReceived? packet)
    {
        packet = null;
        if (datagram.Length < 12 || datagram[0] >> 6 != 2)
        {
            return false;
        }

        byte payloadType = (byte)(datagram[1] & 0x7F);
        if (payloadType is >= 72 and <= 76)
        {
            // RFC 5761 §4: RTCP packet types 200–204 read as these when multiplexed.
            return false;
        }

        int offset = 12 + (4 * (datagram[0] & 0x0F));
        if ((datagram[0] & 0x10) != 0 && datagram.Length >= offset + 4)
        {
            offset += 4 + (4 * BinaryPrimitives.ReadUInt16BigEndian(datagram[(offset + 2)..]));
        }

        if (offset > datagram.Length)
        {
            return false;
        }

        packet = new RtpReceived(
            payloadType,
            (datagram[1] & 0x80) != 0,
            BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(datagram[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(datagram[8..]),
            datagram[offset..].ToArray());
        return true;
    }
}
