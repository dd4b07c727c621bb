namespace Telepath.Media.Sip.Message;

/// <summary>One header field line: its canonical name and its value with surrounding whitespace removed.</summary>
/// <param name="Name">Full header name, canonical casing for known headers (compact forms already expanded).</param>
/// <param name="Value">The field value; folded lines are joined with a single space.</param>
internal readonly record struct SipHeaderField(string Name, string Value);
