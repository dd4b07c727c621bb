using System.Collections.Frozen;
using System.Text;

namespace Telepath.Media.Sip.Message;

/// <summary>
/// Canonical names of the headers Telepath knows, and the table that maps any casing or compact form
/// (RFC 3261 §7.3.3 and later RFCs) to them.
/// </summary>
internal static class SipHeaderNames
{
    /// <summary>Accept.</summary>
    public const string Accept = "Accept";

    /// <summary>Allow.</summary>
    public const string Allow = "Allow";

    /// <summary>Authorization.</summary>
    public const string Authorization = "Authorization";

    /// <summary>Call-ID (compact <c>i</c>).</summary>
    public const string CallId = "Call-ID";

    /// <summary>Contact (compact <c>m</c>).</summary>
    public const string Contact = "Contact";

    /// <summary>Content-Length (compact <c>l</c>).</summary>
    public const string ContentLength = "Content-Length";

    /// <summary>Content-Type (compact <c>c</c>).</summary>
    public const string ContentType = "Content-Type";

    /// <summary>CSeq.</summary>
    public const string CSeq = "CSeq";

    /// <summary>From (compact <c>f</c>).</summary>
    public const string From = "From";

    /// <summary>Max-Forwards.</summary>
    public const string MaxForwards = "Max-Forwards";

    /// <summary>Min-SE (RFC 4028).</summary>
    public const string MinSE = "Min-SE";

    /// <summary>Proxy-Authenticate.</summary>
    public const string ProxyAuthenticate = "Proxy-Authenticate";

    /// <summary>Proxy-Authorization.</summary>
    public const string ProxyAuthorization = "Proxy-Authorization";

    /// <summary>RAck (RFC 3262).</summary>
    public const string RAck = "RAck";

    /// <summary>Reason (RFC 3326).</summary>
    public const string Reason = "Reason";

    /// <summary>Record-Route.</summary>
    public const string RecordRoute = "Record-Route";

    /// <summary>Require.</summary>
    public const string Require = "Require";

    /// <summary>Route.</summary>
    public const string Route = "Route";

    /// <summary>RSeq (RFC 3262).</summary>
    public const string RSeq = "RSeq";

    /// <summary>Server.</summary>
    public const string Server = "Server";

    /// <summary>Session-Expires (RFC 4028, compact <c>x</c>).</summary>
    public const string SessionExpires = "Session-Expires";

    /// <summary>Supported (compact <c>k</c>).</summary>
    public const string Supported = "Supported";

    /// <summary>Timestamp.</summary>
    public const string Timestamp = "Timestamp";

    /// <summary>To (compact <c>t</c>).</summary>
    public const string To = "To";

    /// <summary>Unsupported.</summary>
    public const string Unsupported = "Unsupported";

    /// <summary>User-Agent.</summary>
    public const string UserAgent = "User-Agent";

    /// <summary>Via (compact <c>v</c>).</summary>
    public const string Via = "Via";

    /// <summary>WWW-Authenticate.</summary>
    public const string WwwAuthenticate = "WWW-Authenticate";

    private const int MaxKnownNameLength = 32;

    // Every name maps to itself, plus the compact forms of RFC 3261 §7.3.3, RFC 3265/6665 (o, u),
    // RFC 3515 (r), RFC 3892 (b), RFC 3841 (a, j, d), RFC 4028 (x) and RFC 8224 (y).
    private static readonly FrozenDictionary<string, string> s_canonical = BuildTable();
    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> s_lookup =
        s_canonical.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Maps a header name (any casing, compact or full) to its canonical full name.</summary>
    /// <returns>The canonical name for known headers; <paramref name="name"/> itself otherwise.</returns>
    public static string Canonicalize(string name) =>
        s_lookup.TryGetValue(name.AsSpan(), out string? canonical) ? canonical : name;

    /// <summary>
    /// Maps an ASCII header name from the wire to its canonical full name without allocating for known
    /// headers; unknown names are decoded as written.
    /// </summary>
    public static string Canonicalize(ReadOnlySpan<byte> name)
    {
        if (name.Length <= MaxKnownNameLength)
        {
            Span<char> chars = stackalloc char[MaxKnownNameLength];
            int written = Encoding.ASCII.GetChars(name, chars);
            if (s_lookup.TryGetValue(chars[..written], out string? canonical))
            {
                return canonical;
            }
        }

        return Encoding.ASCII.GetString(name);
    }

    /// <summary>
    /// True for headers whose grammar is a comma-separated list (RFC 3261 §7.3.1), so several values may
    /// share one field. Others (Date, WWW-Authenticate, ...) contain commas that are not separators.
    /// </summary>
    public static bool IsList(string canonicalName) => canonicalName switch
    {
        Via or Contact or Route or RecordRoute or Allow or Supported or Require or Unsupported or Accept
            or "Proxy-Require" or "Accept-Encoding" or "Accept-Language" or "Allow-Events" or "Content-Encoding"
            or "Content-Language" or "In-Reply-To" or "Path" or "Service-Route" or "P-Asserted-Identity"
            or "Alert-Info" or "Call-Info" or "Error-Info" or "Warning" or Reason or "Privacy" => true,
        _ => false,
    };

    private static FrozenDictionary<string, string> BuildTable()
    {
        string[] full =
        [
            Accept, "Accept-Contact", "Accept-Encoding", "Accept-Language", "Alert-Info", Allow, "Allow-Events",
            "Authentication-Info", Authorization, CallId, "Call-Info", Contact, "Content-Disposition",
            "Content-Encoding", "Content-Language", ContentLength, ContentType, CSeq, "Date", "Diversion",
            "Error-Info", "Event", "Expires", From, "Identity", "In-Reply-To", MaxForwards, "Min-Expires",
            MinSE, "MIME-Version", "Organization", "P-Asserted-Identity", "P-Preferred-Identity", "Path",
            "Priority", "Privacy", ProxyAuthenticate, ProxyAuthorization, "Proxy-Require", RAck, Reason,
            RecordRoute, "Refer-To", "Referred-By", "Reject-Contact", "Replaces", "Reply-To",
            "Request-Disposition", Require, "Retry-After", Route, RSeq, Server, "Service-Route",
            SessionExpires, "Subject", "Subscription-State", Supported, Timestamp, To, Unsupported,
            UserAgent, Via, "Warning", WwwAuthenticate,
        ];

        var table = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string name in full)
        {
            table[name] = name;
        }

        table["i"] = CallId;
        table["m"] = Contact;
        table["f"] = From;
        table["t"] = To;
        table["v"] = Via;
        table["l"] = ContentLength;
        table["c"] = ContentType;
        table["k"] = Supported;
        table["s"] = "Subject";
        table["e"] = "Content-Encoding";
        table["o"] = "Event";
        table["r"] = "Refer-To";
        table["u"] = "Allow-Events";
        table["x"] = SessionExpires;
        table["y"] = "Identity";
        table["b"] = "Referred-By";
        table["a"] = "Accept-Contact";
        table["j"] = "Reject-Contact";
        table["d"] = "Request-Disposition";
        return table.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
