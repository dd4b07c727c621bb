using System.Buffers.Binary;

namespace Telepath.Media.Rtp.Rtcp;

/// <summary>
/// Writes RTCP packets (RFC 3550 §6.4–6.6) into caller-owned buffers. A compound packet (§6.1) is built by
/// writing an SR or RR first, then SDES with the CNAME, then optionally BYE, each after the previous one.
/// </summary>
internal static class RtcpWriter
{
    private const int HeaderLength = 4;
    private const int MaxCount = 31;
    private const byte CnameItem = 1;

    /// <summary>Writes a sender report.</summary>
    public static bool TryWriteSenderReport(
        Span<byte> destination, uint ssrc, in RtcpSenderInfo sender, ReadOnlySpan<RtcpReportBlock> blocks, out int written)
    {
        written = 0;
        int length = HeaderLength + 4 + RtcpSenderInfo.Length + (blocks.Length * RtcpReportBlock.Length);
        if (blocks.Length > MaxCount || destination.Length < length)
        {
            return false;
        }

        WriteHeader(destination, blocks.Length, RtcpPacketType.SenderReport, length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], sender.NtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], sender.RtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[20..], sender.PacketCount);
        BinaryPrimitives.WriteUInt32BigEndian(destination[24..], sender.OctetCount);
        WriteBlocks(destination[28..], blocks);
        written = length;
        return true;
    }

    /// <summary>Writes a receiver report.</summary>
    public static bool TryWriteReceiverReport(
        Span<byte> destination, uint ssrc, ReadOnlySpan<RtcpReportBlock> blocks, out int written)
    {
        written = 0;
        int length = HeaderLength + 4 + (blocks.Length * RtcpReportBlock.Length);
        if (blocks.Length > MaxCount || destination.Length < length)
        {
            return false;
        }

        WriteHeader(destination, blocks.Length, RtcpPacketType.ReceiverReport, length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
        WriteBlocks(destination[8..], blocks);
        written = length;
        return true;
    }

    /// <summary>Writes an SDES packet with one chunk holding a CNAME item (§6.5.1).</summary>
    /// <param name="cname">The CNAME as UTF-8, at most 255 bytes.</param>
    public static bool TryWriteSourceDescription(Span<byte> destination, uint ssrc, ReadOnlySpan<byte> cname, out int written)
    {
        written = 0;

        // §6.5: the item list ends with at least one null octet and pads the chunk to a 32-bit boundary.
        int chunk = 4 + 2 + cname.Length;
        chunk += 4 - (chunk % 4);
        int length = HeaderLength + chunk;
        if (cname.Length > 255 || destination.Length < length)
        {
            return false;
        }

        WriteHeader(destination, 1, RtcpPacketType.SourceDescription, length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
        destination[8] = CnameItem;
        destination[9] = (byte)cname.Length;
        cname.CopyTo(destination[10..]);
        destination[(10 + cname.Length)..length].Clear();
        written = length;
        return true;
    }

    /// <summary>Writes a BYE for the given sources, without a reason (§6.6).</summary>
    public static bool TryWriteGoodbye(Span<byte> destination, ReadOnlySpan<uint> ssrcs, out int written)
    {
        written = 0;
        int length = HeaderLength + (4 * ssrcs.Length);
        if (ssrcs.Length > MaxCount || destination.Length < length)
        {
            return false;
        }

        WriteHeader(destination, ssrcs.Length, RtcpPacketType.Goodbye, length);
        for (int i = 0; i < ssrcs.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[(4 + (4 * i))..], ssrcs[i]);
        }

        written = length;
        return true;
    }

    private static void WriteHeader(Span<byte> destination, int count, RtcpPacketType type, int length)
    {
        // §6.4.1: the length field counts 32-bit words minus one, header included.
        destination[0] = (byte)((RtpHeader.SupportedVersion << 6) | count);
        destination[1] = (byte)type;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)((length / 4) - 1));
    }

    private static void WriteBlocks(Span<byte> destination, ReadOnlySpan<RtcpReportBlock> blocks)
    {
        for (int i = 0; i < blocks.Length; i++)
        {
            Span<byte> b = destination[(i * RtcpReportBlock.Length)..];
            RtcpReportBlock block = blocks[i];
            BinaryPrimitives.WriteUInt32BigEndian(b, block.Ssrc);

            // Cumulative lost is a 24-bit two's-complement value behind the fraction byte.
            int lost = Math.Clamp(block.CumulativeLost, -0x800000, 0x7FFFFF);
            BinaryPrimitives.WriteUInt32BigEndian(b[4..], ((uint)block.FractionLost << 24) | ((uint)lost & 0xFFFFFF));
            BinaryPrimitives.WriteUInt32BigEndian(b[8..], block.ExtendedHighestSequence);
            BinaryPrimitives.WriteUInt32BigEndian(b[12..], block.Jitter);
            BinaryPrimitives.WriteUInt32BigEndian(b[16..], block.LastSenderReport);
            BinaryPrimitives.WriteUInt32BigEndian(b[20..], block.DelaySinceLastSenderReport);
        }
    }
}
