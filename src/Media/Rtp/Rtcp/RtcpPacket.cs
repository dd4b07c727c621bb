using System.Buffers.Binary;

namespace Telepath.Media.Rtp.Rtcp;

/// <summary>
/// A read-only view of one RTCP packet inside a compound datagram. Parsed by <see cref="RtcpCompoundReader"/>,
/// which has already checked that the type-specific fields fit inside the packet.
/// </summary>
internal readonly ref struct RtcpPacket
{
    private const byte CnameItem = 1;
    private readonly ReadOnlySpan<byte> _packet;

    internal RtcpPacket(ReadOnlySpan<byte> packet) => _packet = packet;

    /// <summary>Gets the packet type byte.</summary>
    public RtcpPacketType Type => (RtcpPacketType)_packet[1];

    /// <summary>Gets the 5-bit count field: report blocks (SR/RR), chunks (SDES) or sources (BYE).</summary>
    public int Count => _packet[0] & 0x1F;

    /// <summary>Gets a value indicating whether the packet is padded.</summary>
    public bool HasPadding => (_packet[0] & 0x20) != 0;

    /// <summary>Gets the packet's length in bytes, header included and padding excluded.</summary>
    public int Length => _packet.Length;

    /// <summary>Gets the first 32-bit word after the header: the sender's SSRC for SR/RR, the first source for SDES/BYE.</summary>
    public uint Ssrc => _packet.Length >= 8 ? BinaryPrimitives.ReadUInt32BigEndian(_packet[4..]) : 0;

    /// <summary>Gets the raw packet bytes.</summary>
    public ReadOnlySpan<byte> Span => _packet;

    /// <summary>Gets the number of report blocks in an SR or RR, 0 for other types.</summary>
    public int ReportBlockCount => Type is RtcpPacketType.SenderReport or RtcpPacketType.ReceiverReport ? Count : 0;

    /// <summary>Reads the sender information of an SR.</summary>
    public bool TryGetSenderInfo(out RtcpSenderInfo info)
    {
        if (Type != RtcpPacketType.SenderReport)
        {
            info = default;
            return false;
        }

        info = new RtcpSenderInfo(
            BinaryPrimitives.ReadUInt64BigEndian(_packet[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(_packet[16..]),
            BinaryPrimitives.ReadUInt32BigEndian(_packet[20..]),
            BinaryPrimitives.ReadUInt32BigEndian(_packet[24..]));
        return true;
    }

    /// <summary>Reads report block <paramref name="index"/> (0 ≤ index &lt; <see cref="ReportBlockCount"/>).</summary>
    public RtcpReportBlock GetReportBlock(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)ReportBlockCount, nameof(index));
        int offset = (Type == RtcpPacketType.SenderReport ? 28 : 8) + (index * RtcpReportBlock.Length);
        ReadOnlySpan<byte> b = _packet[offset..];
        uint word = BinaryPrimitives.ReadUInt32BigEndian(b[4..]);

        // Sign-extend the 24-bit cumulative loss.
        int lost = (int)(word << 8) >> 8;
        return new RtcpReportBlock(
            BinaryPrimitives.ReadUInt32BigEndian(b),
            (byte)(word >> 24),
            lost,
            BinaryPrimitives.ReadUInt32BigEndian(b[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(b[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(b[16..]),
            BinaryPrimitives.ReadUInt32BigEndian(b[20..]));
    }

    /// <summary>Finds the CNAME item of the first chunk of an SDES packet (§6.5.1).</summary>
    public bool TryGetCname(out uint ssrc, out ReadOnlySpan<byte> cname)
    {
        ssrc = 0;
        cname = default;
        if (Type != RtcpPacketType.SourceDescription || Count == 0 || _packet.Length < 8)
        {
            return false;
        }

        ssrc = BinaryPrimitives.ReadUInt32BigEndian(_packet[4..]);
        int offset = 8;
        while (offset < _packet.Length && _packet[offset] != 0)
        {
            if (offset + 2 > _packet.Length)
            {
                return false;
            }

            int itemLength = _packet[offset + 1];
            if (offset + 2 + itemLength > _packet.Length)
            {
                return false;
            }

            if (_packet[offset] == CnameItem)
            {
                cname = _packet.Slice(offset + 2, itemLength);
                return true;
            }

            offset += 2 + itemLength;
        }

        return false;
    }

    /// <summary>Reads source <paramref name="index"/> of a BYE (0 ≤ index &lt; <see cref="Count"/>).</summary>
    public uint GetGoodbyeSsrc(int index)
    {
        if (Type != RtcpPacketType.Goodbye)
        {
            throw new InvalidOperationException("Not a BYE packet.");
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        return BinaryPrimitives.ReadUInt32BigEndian(_packet[(4 + (4 * index))..]);
    }
}
