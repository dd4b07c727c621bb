using System.Buffers.Binary;

namespace Telepath.Media.Rtp;

/// <summary>
/// A read-only view of one RTP packet (RFC 3550 §5.1) over the receive buffer: nothing is copied and
/// nothing is allocated. Valid only as long as the buffer it was parsed from.
/// </summary>
internal readonly ref struct RtpHeader
{
    /// <summary>Size of the fixed header in bytes.</summary>
    public const int FixedLength = 12;

    /// <summary>The only RTP version in use (RFC 3550 §5.1).</summary>
    public const int SupportedVersion = 2;

    private readonly ReadOnlySpan<byte> _packet;

    private RtpHeader(ReadOnlySpan<byte> packet, int headerLength, int payloadLength)
    {
        _packet = packet;
        HeaderLength = headerLength;
        PayloadLength = payloadLength;
    }

    /// <summary>Gets the RTP version (always 2 for a parsed header).</summary>
    public int Version => _packet[0] >> 6;

    /// <summary>Gets a value indicating whether the packet carries padding (P bit).</summary>
    public bool HasPadding => (_packet[0] & 0x20) != 0;

    /// <summary>Gets a value indicating whether a header extension follows the CSRC list (X bit).</summary>
    public bool HasExtension => (_packet[0] & 0x10) != 0;

    /// <summary>Gets the number of CSRC identifiers (CC).</summary>
    public int CsrcCount => _packet[0] & 0x0F;

    /// <summary>Gets the marker bit (start of a talkspurt for audio, RFC 3551 §4.1).</summary>
    public bool Marker => (_packet[1] & 0x80) != 0;

    /// <summary>Gets the 7-bit payload type.</summary>
    public byte PayloadType => (byte)(_packet[1] & 0x7F);

    /// <summary>Gets the 16-bit sequence number; wraps at 65535.</summary>
    public ushort SequenceNumber => BinaryPrimitives.ReadUInt16BigEndian(_packet[2..]);

    /// <summary>Gets the 32-bit media timestamp; wraps at 2^32.</summary>
    public uint Timestamp => BinaryPrimitives.ReadUInt32BigEndian(_packet[4..]);

    /// <summary>Gets the synchronisation source identifier.</summary>
    public uint Ssrc => BinaryPrimitives.ReadUInt32BigEndian(_packet[8..]);

    /// <summary>Gets the total header length: fixed part, CSRC list and extension.</summary>
    public int HeaderLength { get; }

    /// <summary>Gets the payload length, excluding padding.</summary>
    public int PayloadLength { get; }

    /// <summary>Gets the payload, excluding header and padding.</summary>
    public ReadOnlySpan<byte> Payload => _packet.Slice(HeaderLength, PayloadLength);

    /// <summary>Gets the header extension's 16-bit profile identifier, or 0 without an extension.</summary>
    public ushort ExtensionProfile =>
        HasExtension ? BinaryPrimitives.ReadUInt16BigEndian(_packet[(FixedLength + (4 * CsrcCount))..]) : (ushort)0;

    /// <summary>Gets the CSRC identifier at <paramref name="index"/> (0 ≤ index &lt; <see cref="CsrcCount"/>).</summary>
    public uint GetCsrc(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)CsrcCount, nameof(index));
        return BinaryPrimitives.ReadUInt32BigEndian(_packet[(FixedLength + (4 * index))..]);
    }

    /// <summary>
    /// Parses and bounds-checks an RTP packet. Returns false for anything that is not a well-formed
    /// version 2 packet; never throws.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> packet, out RtpHeader header)
    {
        header = default;
        if (packet.Length < FixedLength || (packet[0] >> 6) != SupportedVersion)
        {
            return false;
        }

        int headerLength = FixedLength + (4 * (packet[0] & 0x0F));
        if (headerLength > packet.Length)
        {
            return false;
        }

        // RFC 3550 §5.3.1: a 4-byte extension header whose length counts the 32-bit words that follow it.
        if ((packet[0] & 0x10) != 0)
        {
            if (headerLength + 4 > packet.Length)
            {
                return false;
            }

            int words = BinaryPrimitives.ReadUInt16BigEndian(packet[(headerLength + 2)..]);
            headerLength += 4 + (4 * words);
            if (headerLength > packet.Length)
            {
                return false;
            }
        }

        int payloadLength = packet.Length - headerLength;

        // RFC 3550 §5.1: the last octet of the padding counts the padding octets, itself included.
        if ((packet[0] & 0x20) != 0)
        {
            int padding = packet[^1];
            if (padding == 0 || padding > payloadLength)
            {
                return false;
            }

            payloadLength -= padding;
        }

        header = new RtpHeader(packet, headerLength, payloadLength);
        return true;
    }
}
