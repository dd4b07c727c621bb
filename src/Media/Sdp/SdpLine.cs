namespace Telepath.Media.Sdp;

/// <summary>
/// A line the model does not interpret (<c>i=</c>, <c>u=</c>, <c>e=</c>, <c>p=</c>, <c>r=</c>, <c>z=</c>, <c>k=</c>
/// or an unknown type letter). RFC 4566 §5 asks parsers to ignore unknown types; we keep them for round trips.
/// </summary>
/// <param name="Type">The type letter.</param>
/// <param name="Value">Everything after <c>=</c>.</param>
public sealed record SdpLine(char Type, string Value);
