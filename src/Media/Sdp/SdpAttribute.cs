namespace Telepath.Media.Sdp;

/// <summary>An <c>a=</c> line (RFC 4566 §5.13): a property attribute has no value, a value attribute has one.</summary>
/// <param name="Name">Attribute name, case preserved.</param>
/// <param name="Value">Text after the first colon, or null for a property attribute.</param>
public sealed record SdpAttribute(string Name, string? Value = null);
