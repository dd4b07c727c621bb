using System.Buffers.Binary;

namespace Telepath.Media.Tests.Support;

/// <summary>
/// Reads classic libpcap files (not pcapng) with Ethernet link type and yields the UDP payloads of IPv4
/// packets, enough to replay captured RTP in tests.
/// </summary>
internal static class PcapReader
{
    private const uint MagicMicroseconds = 0xA1B2C3D4;
    private const uint MagicNanoseconds = 0xA1B23C4D;
    private const int GlobalHeaderLength = 24;
    private const int RecordHeaderLength = 16;
    private const int LinkTypeEthernet = 1;
    private const int EthernetHeaderLength = 14;
    private const ushort EtherTypeIPv4 = 0x0800;
    private const ushort EtherTypeVlan = 0x8100;
    private const byte ProtocolUdp = 17;

    /// <summary>Returns the UDP datagrams of the capture, in file order, with their capture time.</summary>
    public static List<PcapUdpPacket> ReadUdp(string path)
    {
        byte[] file = File.ReadAllBytes(path);
        if (file.Length < GlobalHeaderLength)
        {
            throw new InvalidDataException($"{path}: too short for a pcap header.");
        }

        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(file);
        bool littleEndian = magic is MagicMicroseconds or MagicNanoseconds;
        uint swapped = BinaryPrimitives.ReverseEndianness(magic);
        if (!littleEndian && swapped is not (MagicMicroseconds or MagicNanoseconds))
        {
            throw new InvalidDataException($"{path}: not a classic pcap file (magic 0x{magic:X8}).");
        }

        bool nanoseconds = (littleEndian ? magic : swapped) == MagicNanoseconds;
        if (ReadUInt32(file.AsSpan(20), littleEndian) != LinkTypeEthernet)
        {
            throw new InvalidDataException($"{path}: only Ethernet captures are supported.");
        }

        var packets = new List<PcapUdpPacket>();
        int offset = GlobalHeaderLength;
        while (offset + RecordHeaderLength <= file.Length)
        {
            ReadOnlySpan<byte> record = file.AsSpan(offset);
            long seconds = ReadUInt32(record, littleEndian);
            long fraction = ReadUInt32(record[4..], littleEndian);
            int included = (int)ReadUInt32(record[8..], littleEndian);
            offset += RecordHeaderLength;
            if (included < 0 || offset + included > file.Length)
            {
                throw new InvalidDataException($"{path}: truncated record at offset {offset}.");
            }

            long ticks = (seconds * TimeSpan.TicksPerSecond) + (nanoseconds ? fraction / 100 : fraction * 10);
            if (TryExtractUdp(file.AsSpan(offset, included), out int payloadOffset, out int payloadLength))
            {
                packets.Add(new PcapUdpPacket(
                    TimeSpan.FromTicks(ticks), file.AsSpan(offset + payloadOffset, payloadLength).ToArray()));
            }

            offset += included;
        }

        return packets;
    }

    private static bool TryExtractUdp(ReadOnlySpan<byte> frame, out int payloadOffset, out int payloadLength)
    {
        payloadOffset = 0;
        payloadLength = 0;
        int offset = EthernetHeaderLength;
        if (frame.Length < offset)
        {
            return false;
        }

        ushort etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);
        if (etherType == EtherTypeVlan && frame.Length >= offset + 4)
        {
            etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[16..]);
            offset += 4;
        }

        if (etherType != EtherTypeIPv4 || frame.Length < offset + 20 || (frame[offset] >> 4) != 4)
        {
            return false;
        }

        int ipHeader = (frame[offset] & 0x0F) * 4;
        int ipTotal = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 2)..]);
        if (frame[offset + 9] != ProtocolUdp || ipHeader < 20 || frame.Length < offset + ipTotal || ipTotal < ipHeader + 8)
        {
            return false;
        }

        int udp = offset + ipHeader;
        int udpLength = BinaryPrimitives.ReadUInt16BigEndian(frame[(udp + 4)..]);
        if (udpLength < 8 || udp + udpLength > offset + ipTotal)
        {
            return false;
        }

        payloadOffset = udp + 8;
        payloadLength = udpLength - 8;
        return true;
    }

    private static uint ReadUInt32(ReadOnlySpan<byte> span, bool littleEndian) =>
        littleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(span) : BinaryPrimitives.ReadUInt32BigEndian(span);
}
