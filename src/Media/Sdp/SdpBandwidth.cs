namespace Telepath.Media.Sdp;

/// <summary>A <c>b=</c> line (RFC 4566 §5.8), e.g. <c>AS:64</c>.</summary>
/// <param name="Type">Bandwidth type (<c>CT</c>, <c>AS</c>, <c>TIAS</c>, ...).</param>
/// <param name="Value">Value in the type's unit (kbit/s for CT and AS).</param>
public sealed record SdpBandwidth(string Type, long Value);
