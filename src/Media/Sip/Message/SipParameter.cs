namespace Telepath.Media.Sip.Message;

/// <summary>One <c>;name[=value]</c> parameter of a URI or header value.</summary>
/// <param name="Name">Parameter name as written; names compare case-insensitively (RFC 3261 §19.1.4, §20).</param>
/// <param name="Value">Value as written (a quoted-string keeps its quotes), or null for a flag such as <c>lr</c>.</param>
internal readonly record struct SipParameter(string Name, string? Value);
