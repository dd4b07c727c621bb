namespace Telepath.Media.Tests.Support;

/// <summary>One UDP datagram from a capture.</summary>
/// <param name="Timestamp">Capture time since the Unix epoch.</param>
/// <param name="Payload">The UDP payload.</param>
internal sealed record PcapUdpPacket(TimeSpan Timestamp, byte[] Payload);
