namespace Telepath.Media.Sip.Parsing;

/// <summary>Why a parsed request must be rejected, and with which final response.</summary>
/// <param name="StatusCode">400 for malformed requests; 416 for an unsupported URI scheme; 505 for an unknown SIP version.</param>
/// <param name="ReasonPhrase">Short reason used as the response's reason phrase, e.g. "Missing Call-ID header".</param>
internal readonly record struct SipRequestError(int StatusCode, string ReasonPhrase);
