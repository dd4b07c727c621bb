namespace Telepath.Media.Rtp;

/// <summary>Describes one packet released by <see cref="JitterBuffer.TryPop"/>.</summary>
/// <param name="SequenceNumber">The packet's RTP sequence number.</param>
/// <param name="Timestamp">The packet's RTP timestamp.</param>
/// <param name="PayloadType">The packet's payload type.</param>
/// <param name="Marker">The packet's marker bit.</param>
/// <param name="PayloadLength">Bytes copied into the caller's buffer.</param>
/// <param name="LostBefore">Packets skipped as lost just before this one (0 when the stream was contiguous), for concealment.</param>
internal readonly record struct JitterBufferFrame(
    ushort SequenceNumber, uint Timestamp, byte PayloadType, bool Marker, int PayloadLength, int LostBefore);
