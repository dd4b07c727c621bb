using System.Buffers.Binary;

namespace Telepath.Media.Rtp.Rtcp;

/// <summary>
/// Walks the packets of a compound RTCP datagram (RFC 3550 §6.1) without copying. Stops at the first
/// malformed packet and reports it through <see cref="IsMalformed"/>; never throws on bad input.
/// </summary>
internal ref struct RtcpCompoundReader
{
    private const int HeaderLength = 4;
    private readonly ReadOnlySpan<byte> _datagram;
    private int _offset;

    /// <summary>Creates a reader over one received datagram.</summary>
    public RtcpCompoundReader(ReadOnlySpan<byte> datagram)
    {
        _datagram = datagram;
        _offset = 0;
        IsMalformed = false;
    }

    /// <summary>Gets a value indicating whether reading stopped at a malformed packet.</summary>
    public bool IsMalformed { get; private set; }

    /// <summary>
    /// Checks the validity rules of RFC 3550 Appendix A.2: version 2 throughout, the first packet an SR or RR
    /// without padding, only the last packet padded, and the lengths adding up to the datagram exactly.
    /// </summary>
    public static bool IsValidCompound(ReadOnlySpan<byte> datagram)
    {
        var reader = new RtcpCompoundReader(datagram);
        bool first = true;
        bool sawPadding = false;
        while (reader.TryReadNext(out RtcpPacket packet))
        {
            if (sawPadding
                || (first && (packet.HasPadding
                    || packet.Type is not (RtcpPacketType.SenderReport or RtcpPacketType.ReceiverReport))))
            {
                return false;
            }

            sawPadding = packet.HasPadding;
            first = false;
        }

        return !first && !reader.IsMalformed;
    }

    /// <summary>Reads the next packet.</summary>
    /// <returns>False at the end of the datagram or at a malformed packet (see <see cref="IsMalformed"/>).</returns>
    public bool TryReadNext(out RtcpPacket packet)
    {
        packet = default;
        ReadOnlySpan<byte> rest = _datagram[_offset..];
        if (rest.IsEmpty || IsMalformed)
        {
            return false;
        }

        if (rest.Length < HeaderLength || (rest[0] >> 6) != RtpHeader.SupportedVersion)
        {
            return Fail();
        }

        int length = (BinaryPrimitives.ReadUInt16BigEndian(rest[2..]) + 1) * 4;
        if (length > rest.Length)
        {
            return Fail();
        }

        ReadOnlySpan<byte> bytes = rest[..length];
        int content = length;
        if ((bytes[0] & 0x20) != 0)
        {
            int padding = bytes[^1];
            if (padding == 0 || padding > length - HeaderLength)
            {
                return Fail();
            }

            content -= padding;
        }

        int count = bytes[0] & 0x1F;
        int required = (RtcpPacketType)bytes[1] switch
        {
            RtcpPacketType.SenderReport => 8 + RtcpSenderInfo.Length + (count * RtcpReportBlock.Length),
            RtcpPacketType.ReceiverReport => 8 + (count * RtcpReportBlock.Length),
            RtcpPacketType.Goodbye => HeaderLength + (count * 4),
            RtcpPacketType.SourceDescription => HeaderLength + (count * 8),
            _ => HeaderLength,
        };

        if (required > content)
        {
            return Fail();
        }

        _offset += length;
        packet = new RtcpPacket(bytes[..content]);
        return true;
    }

    private bool Fail()
    {
        IsMalformed = true;
        return false;
    }
}
