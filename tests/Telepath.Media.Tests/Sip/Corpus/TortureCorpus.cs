using System.Text;
using Telepath.Media.Sip.Parsing;

namespace Telepath.Media.Tests.Sip.Corpus;

/// <summary>
/// Our own torture corpus in the spirit of RFC 4475: odd but valid messages that must be accepted, messages that
/// must be dropped as unparseable, and messages that parse but must be answered with an error response.
/// </summary>
internal static class TortureCorpus
{
    private const string Body = "v=0\r\n";

    // Marker for "CSeq matching the start line's method"; null means "omit the header".
    private const string AutoCSeq = "auto";

    private static readonly Dictionary<string, TortureCase> s_cases = Build();

    /// <summary>Names of all cases, for xUnit theories.</summary>
    public static TheoryData<string> Names => [.. s_cases.Keys];

    /// <summary>Names of the cases that are valid requests or responses.</summary>
    public static TheoryData<string> ValidNames =>
        [.. s_cases.Where(c => c.Value.Status == SipParseStatus.Complete && c.Value.Reason is null).Select(c => c.Key)];

    /// <summary>Looks up a case by name.</summary>
    public static TortureCase Get(string name) => s_cases[name];

    private static Dictionary<string, TortureCase> Build()
    {
        var cases = new Dictionary<string, TortureCase>();

        // Valid, if unusual.
        Valid(cases, "escaped_user_and_uri_parameters", Request("INVITE sip:%2B1%20555%2d0100@host.example;user=phone;x-odd=%41b SIP/2.0"));
        Valid(cases, "whitespace_around_colons_slashes_and_semicolons", Request(
            "OPTIONS sip:host.example SIP/2.0",
            via: "Via  :  SIP / 2.0 / UDP  127.0.0.1 : 5060 ; branch = z9hG4bKws ; rport",
            cseq: "CSeq:\t 9 \t OPTIONS  "));
        Valid(cases, "folded_via_and_to", Request(
            "INVITE sip:bob@host.example SIP/2.0",
            via: "Via: SIP/2.0/UDP 127.0.0.1:5060;\r\n  branch=z9hG4bKfold\r\nVia: SIP/2.0/TCP\r\n\t127.0.0.2;branch=z9hG4bKfold2",
            to: "To:\r\n <sip:bob@host.example>"));
        Valid(cases, "extension_method_and_strange_tokens", Request(
            "NEWMETHOD sip:host.example SIP/2.0",
            cseq: "CSeq: 3 NEWMETHOD",
            extra: "X-!%*_+`'~: odd name\r\nX-Empty:\r\nP-Weird: ;;,,\"quoted, comma\""));
        Valid(cases, "many_header_fields", Request("INVITE sip:bob@host.example SIP/2.0", extra: Repeat("X-Filler-{0}: value", 240)));
        Valid(cases, "long_header_value", Request("INVITE sip:bob@host.example SIP/2.0", extra: "X-Long: " + new string('a', 7000)));
        Valid(cases, "several_vias_per_line_with_quoted_commas", Request(
            "INVITE sip:bob@host.example SIP/2.0",
            via: "Via: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bKa;x=\"a,b\", SIP/2.0/UDP [2001:db8::9]:5070;branch=z9hG4bKb\r\nv: SIP/2.0/TCP h3;branch=z9hG4bKc",
            from: "From: \"Doe, \\\"J\\\" \\\\ Jr\" <sip:j@host.example>;tag=abc"));
        Valid(cases, "ipv6_everywhere", Request(
            "INVITE sip:bob@[2001:db8::10]:5060;transport=udp SIP/2.0",
            via: "Via: SIP/2.0/UDP [2001:db8::9]:5060;branch=z9hG4bK6;received=[2001:db8::9]",
            to: "To: <sip:bob@[2001:db8::10]>",
            contact: "Contact: <sip:alice@[2001:db8::9]:5060>"));
        Valid(cases, "missing_max_forwards_is_treated_as_70", Request("INVITE sip:bob@host.example SIP/2.0", maxForwards: null));
        Valid(cases, "tel_request_uri", Request("INVITE tel:+14155550100;phone-context=+1 SIP/2.0"));
        Valid(cases, "lower_case_version_literal", Request("INVITE sip:bob@host.example sip/2.0"));
        Valid(cases, "semicolon_and_escaped_at_in_user", Request("INVITE sip:user;par=u%40example.net@host.example SIP/2.0"));
        Valid(cases, "addr_spec_from_without_angle_brackets", Request(
            "INVITE sip:bob@host.example SIP/2.0", from: "f: sip:alice@host.example;tag=xyz", to: "t: sip:bob@host.example"));
        Valid(cases, "unicode_display_name", Request(
            "INVITE sip:bob@host.example SIP/2.0", from: "From: \"J\u00fcrgen \u65e5\u672c\" <sip:j@host.example>;tag=u"));
        Valid(cases, "response_with_empty_reason_phrase", Message(
            "SIP/2.0 183", "Via: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:b@h>;tag=2\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\nContent-Length: 0"));
        Valid(cases, "uri_headers_and_password", Request("INVITE sip:alice:secret@host.example?subject=project%20x&priority=urgent SIP/2.0"));

        // Unparseable: the transport drops and counts these.
        Invalid(cases, "request_line_missing_version", Request("INVITE sip:bob@host.example"), "Malformed request line");
        Invalid(cases, "space_inside_request_uri", Request("INVITE sip:bob smith@host.example SIP/2.0"), "Malformed request line");
        Invalid(cases, "version_not_numeric", Request("INVITE sip:bob@host.example SIP/two"), "Malformed request line");
        Invalid(cases, "method_not_a_token", Request("IN(VITE sip:bob@host.example SIP/2.0"), "Malformed request line");
        Invalid(cases, "status_code_out_of_range", Message("SIP/2.0 999 Weird", "Content-Length: 0"), "Status code out of range");
        Invalid(cases, "status_code_two_digits", Message("SIP/2.0 20 OK", "Content-Length: 0"), "Malformed status line");
        Invalid(cases, "negative_content_length", Request("INVITE sip:bob@host.example SIP/2.0", contentLength: "Content-Length: -5"), "Content-Length header is not a number");
        Invalid(cases, "overflowing_content_length", Request("INVITE sip:bob@host.example SIP/2.0", contentLength: "Content-Length: 99999999999999999999"), "Content-Length header is too large");
        Invalid(cases, "non_numeric_content_length", Request("INVITE sip:bob@host.example SIP/2.0", contentLength: "Content-Length: five"), "Content-Length header is not a number");
        Invalid(cases, "conflicting_content_lengths", Request("INVITE sip:bob@host.example SIP/2.0", contentLength: "Content-Length: 5\r\nl: 6"), "Conflicting Content-Length headers");
        Invalid(cases, "content_length_beyond_datagram", Request("INVITE sip:bob@host.example SIP/2.0", contentLength: "Content-Length: 5000"), "Content-Length exceeds datagram size");
        Invalid(cases, "nul_byte_in_header", Request("INVITE sip:bob@host.example SIP/2.0", extra: "Subject: a\0b"), "Control character in header");
        Invalid(cases, "bare_cr_inside_header", Request("INVITE sip:bob@host.example SIP/2.0", extra: "Subject: a\rb"), "Control character in header");
        Invalid(cases, "header_without_colon", Request("INVITE sip:bob@host.example SIP/2.0", extra: "NoColonHere"), "Malformed header line");
        Invalid(cases, "header_name_with_space", Request("INVITE sip:bob@host.example SIP/2.0", extra: "Bad Name: x"), "Malformed header name");
        Invalid(cases, "too_many_header_fields", Request("INVITE sip:bob@host.example SIP/2.0", extra: Repeat("X-F-{0}: v", 260)), "Too many header fields");
        Invalid(cases, "header_line_too_long", Request("INVITE sip:bob@host.example SIP/2.0", extra: "X-Long: " + new string('a', 9000)), "Header line too long");
        Invalid(cases, "crlf_only_datagram", Encoding.ASCII.GetBytes("\r\n\r\n"), "Empty message");
        Invalid(cases, "truncated_in_headers", Encoding.ASCII.GetBytes("INVITE sip:bob@host.example SIP/2.0\r\nVia: SIP/2.0/UDP h;bra"), "Truncated message: no empty line after headers");
        Invalid(cases, "binary_junk", [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03, 0x0A, 0x0D, 0x0A, 0x0D, 0x0A], "Control character in start line");
        Invalid(cases, "folded_line_before_any_header", Encoding.ASCII.GetBytes("INVITE sip:bob@host.example SIP/2.0\r\n  continuation\r\n\r\n"), "Folded line without a header");
        cases["stream_without_content_length"] = new TortureCase(
            Encoding.ASCII.GetBytes("OPTIONS sip:host.example SIP/2.0\r\nCall-ID: x\r\n\r\n"), SipFraming.Stream, SipParseStatus.Invalid, "Missing Content-Length header");

        // Parse, but must be answered with an error response.
        Rejected(cases, "missing_call_id", Request("INVITE sip:bob@host.example SIP/2.0", callId: null), "Missing Call-ID header");
        Rejected(cases, "missing_from", Request("INVITE sip:bob@host.example SIP/2.0", from: null), "Missing From header");
        Rejected(cases, "missing_to", Request("INVITE sip:bob@host.example SIP/2.0", to: null), "Missing To header");
        Rejected(cases, "missing_via", Request("INVITE sip:bob@host.example SIP/2.0", via: null), "Missing Via header");
        Rejected(cases, "missing_cseq", Request("INVITE sip:bob@host.example SIP/2.0", cseq: null), "Missing CSeq header");
        Rejected(cases, "cseq_method_mismatch", Request("INVITE sip:bob@host.example SIP/2.0", cseq: "CSeq: 1 BYE"), "CSeq method does not match request method");
        Rejected(cases, "cseq_not_numeric", Request("INVITE sip:bob@host.example SIP/2.0", cseq: "CSeq: one INVITE"), "Malformed CSeq header");
        Rejected(cases, "cseq_beyond_32_bits", Request("INVITE sip:bob@host.example SIP/2.0", cseq: "CSeq: 4294967296 INVITE"), "Malformed CSeq header");
        Rejected(cases, "max_forwards_above_255", Request("INVITE sip:bob@host.example SIP/2.0", maxForwards: "Max-Forwards: 256"), "Invalid Max-Forwards header");
        Rejected(cases, "max_forwards_negative", Request("INVITE sip:bob@host.example SIP/2.0", maxForwards: "Max-Forwards: -1"), "Invalid Max-Forwards header");
        Rejected(cases, "malformed_request_uri", Request("INVITE sip:@@host SIP/2.0"), "Malformed Request-URI");
        Rejected(cases, "unclosed_angle_bracket_in_from", Request("INVITE sip:bob@host.example SIP/2.0", from: "From: <sip:alice@host.example;tag=1"), "Malformed From header");
        Rejected(cases, "via_without_sent_by", Request("INVITE sip:bob@host.example SIP/2.0", via: "Via: SIP/2.0/UDP"), "Malformed Via header");
        Rejected(cases, "duplicate_to", Request("INVITE sip:bob@host.example SIP/2.0", to: "To: <sip:bob@host.example>\r\nTo: <sip:eve@host.example>"), "Duplicate To header");
        Rejected(cases, "call_id_with_whitespace", Request("INVITE sip:bob@host.example SIP/2.0", callId: "Call-ID: abc\r\n def"), "Malformed Call-ID header");
        Rejected(cases, "body_without_content_type", Request("INVITE sip:bob@host.example SIP/2.0", contentType: null), "Missing Content-Type header");
        Rejected(cases, "unknown_sip_version", Request("INVITE sip:bob@host.example SIP/7.0"), "Version Not Supported", 505);
        Rejected(cases, "unsupported_uri_scheme", Request("INVITE http://host.example/ SIP/2.0"), "Unsupported URI Scheme", 416);
        return cases;
    }

    private static void Valid(Dictionary<string, TortureCase> cases, string name, byte[] bytes) =>
        cases[name] = new TortureCase(bytes, SipFraming.Datagram, SipParseStatus.Complete, null);

    private static void Invalid(Dictionary<string, TortureCase> cases, string name, byte[] bytes, string error) =>
        cases[name] = new TortureCase(bytes, SipFraming.Datagram, SipParseStatus.Invalid, error);

    private static void Rejected(Dictionary<string, TortureCase> cases, string name, byte[] bytes, string reason, int code = 400) =>
        cases[name] = new TortureCase(bytes, SipFraming.Datagram, SipParseStatus.Complete, reason, code);

    private static string Repeat(string format, int count) =>
        string.Join("\r\n", Enumerable.Range(0, count).Select(i => string.Format(System.Globalization.CultureInfo.InvariantCulture, format, i)));

    private static byte[] Message(string startLine, string headers) => Encoding.UTF8.GetBytes(startLine + "\r\n" + headers + "\r\n\r\n");

    /// <summary>A request whose start line and selected headers are replaced; null omits a header.</summary>
    private static byte[] Request(
        string startLine,
        string? via = "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKtorture",
        string? from = "From: \"Alice\" <sip:alice@host.example>;tag=1928301774",
        string? to = "To: <sip:bob@host.example>",
        string? callId = "Call-ID: a84b4c76e66710@host.example",
        string? cseq = AutoCSeq,
        string? maxForwards = "Max-Forwards: 70",
        string? contact = "Contact: <sip:alice@127.0.0.1:5060>",
        string? contentType = "Content-Type: application/sdp",
        string? contentLength = "Content-Length: 5",
        string? extra = null)
    {
        if (ReferenceEquals(cseq, AutoCSeq))
        {
            cseq = "CSeq: 314159 " + startLine.Split(' ')[0];
        }

        var builder = new StringBuilder(startLine).Append("\r\n");
        foreach (string? line in new[] { via, maxForwards, from, to, callId, cseq, contact, extra, contentType, contentLength })
        {
            if (line is not null)
            {
                builder.Append(line).Append("\r\n");
            }
        }

        return Encoding.UTF8.GetBytes(builder.Append("\r\n").Append(Body).ToString());
    }
}
