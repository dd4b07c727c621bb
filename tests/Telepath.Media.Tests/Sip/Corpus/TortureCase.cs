using Telepath.Media.Sip.Parsing;

namespace Telepath.Media.Tests.Sip.Corpus;

/// <summary>One torture message and what must happen to it.</summary>
/// <param name="Bytes">The message as sent.</param>
/// <param name="Framing">Datagram or Stream.</param>
/// <param name="Status">Expected parse status.</param>
/// <param name="Reason">Parser error when Invalid; validator reason phrase when Complete but rejected; null when valid.</param>
/// <param name="ResponseCode">Status code the validator must pick (400 unless stated).</param>
internal sealed record TortureCase(byte[] Bytes, SipFraming Framing, SipParseStatus Status, string? Reason, int ResponseCode = 400);
