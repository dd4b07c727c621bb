namespace Telepath.Interop.Tests.Sipp;

/// <summary>What <see cref="InteropCallHandler"/> saw on a <see cref="InteropCallHandler.MediaNumber"/> call.</summary>
/// <param name="Codec">The codec of the last media update (the ACK's answer), or null when none came.</param>
/// <param name="PacketsByPayloadType">RTP packets received on the call's RTP port, by payload type.</param>
internal sealed record ReceivedMedia(string? Codec, IReadOnlyDictionary<int, int> PacketsByPayloadType);
