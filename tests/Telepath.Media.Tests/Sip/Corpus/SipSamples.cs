using System.Text;

namespace Telepath.Media.Tests.Sip.Corpus;

/// <summary>
/// Realistic messages in the shapes real peers send: SIPp's uac scenario, a cloud carrier (Twilio/Telnyx style:
/// several Vias, Record-Route, P-Asserted-Identity, user=phone), and an Asterisk-like PBX (compact headers,
/// rport, IPv6, folded line). Written for these tests; Content-Length is computed, never hand-counted.
/// </summary>
internal static class SipSamples
{
    /// <summary>A G.711 offer like SIPp's uac scenario.</summary>
    public const string SdpOffer =
        "v=0\r\no=user1 53655765 2353687637 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "m=audio 6000 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
        + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=sendrecv\r\n";

    /// <summary>SIPp uac-style INVITE with SDP.</summary>
    public static string SippInvite => WithBody(
        """
        INVITE sip:service@127.0.0.1:5060 SIP/2.0
        Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-4242-1-0
        From: sipp <sip:sipp@127.0.0.1:5061>;tag=4242SIPpTag001
        To: service <sip:service@127.0.0.1:5060>
        Call-ID: 1-4242@127.0.0.1
        CSeq: 1 INVITE
        Contact: sip:sipp@127.0.0.1:5061
        Max-Forwards: 70
        Subject: Performance Test
        Content-Type: application/sdp
        Content-Length: {0}
        """,
        SdpOffer);

    /// <summary>A carrier INVITE that crossed two proxies.</summary>
    public static string CarrierInvite => WithBody(
        """
        INVITE sip:+14155550100@127.0.0.1:5060;user=phone SIP/2.0
        Via: SIP/2.0/UDP 127.0.0.10:5060;branch=z9hG4bK7f1c.2a9e8b4d1c.0;rport
        Via: SIP/2.0/UDP 127.0.0.11:5060;received=127.0.0.11;branch=z9hG4bKa1b2c3d4e5f6;rport=5060
        Record-Route: <sip:127.0.0.10;lr;r2=on;ftag=as5f3c1d2e>
        Record-Route: <sip:127.0.0.11:5060;transport=udp;lr>
        Max-Forwards: 68
        From: "+1 (650) 555-0199" <sip:+16505550199@carrier.example;user=phone>;tag=as5f3c1d2e
        To: <sip:+14155550100@pbx.example;user=phone>
        Call-ID: 7c2a1d9e4b5f6a7b8c9d0e1f2a3b4c5d@carrier.example
        CSeq: 102 INVITE
        Contact: <sip:+16505550199@127.0.0.11:5060;transport=udp>
        P-Asserted-Identity: "+1 (650) 555-0199" <sip:+16505550199@carrier.example>
        Allow: INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, UPDATE, REFER, NOTIFY
        Supported: timer, replaces
        Session-Expires: 1800;refresher=uac
        X-Carrier-CallSid: CA0123456789abcdef0123456789abcdef
        User-Agent: CarrierEdge/2.7
        Content-Type: application/sdp
        Content-Length: {0}
        """,
        SdpOffer);

    /// <summary>An Asterisk-style INVITE over IPv6 with compact headers, rport and a folded Subject.</summary>
    public static string PbxInvite => WithBody(
        """
        INVITE sip:agent@[::1]:5060 SIP/2.0
        v: SIP/2.0/UDP [::1]:5070;rport;branch=z9hG4bKPj6a3b1c2d-9e8f
        f: "Reception Desk" <sip:1001@[::1]>;tag=3f5a9c1b-77e2
        t: <sip:agent@[::1]>
        i: 5b1c9e2a-3d4f-4a6b-8c7d-9e0f1a2b3c4d
        CSeq: 31270 INVITE
        m: <sip:1001@[::1]:5070;ob>
        Max-Forwards: 70
        k: replaces, 100rel, timer, norefersub
        Allow: OPTIONS, REGISTER, SUBSCRIBE, NOTIFY, PUBLISH, INVITE, ACK, BYE, CANCEL, UPDATE, PRACK, MESSAGE, REFER
        s: Call from reception
         to the AI agent
        c: application/sdp
        l: {0}
        """,
        SdpOffer);

    /// <summary>Our 200 OK answer as a peer would receive it.</summary>
    public static string Ok200 => WithBody(
        """
        SIP/2.0 200 OK
        Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-4242-1-0;received=127.0.0.1;rport=5061
        Record-Route: <sip:127.0.0.10;lr>
        From: sipp <sip:sipp@127.0.0.1:5061>;tag=4242SIPpTag001
        To: service <sip:service@127.0.0.1:5060>;tag=9f8e7d6c5b4a39281706f5e4
        Call-ID: 1-4242@127.0.0.1
        CSeq: 1 INVITE
        Contact: <sip:telepath@127.0.0.1:5060>
        Server: Telepath
        Content-Type: application/sdp
        Content-Length: {0}
        """,
        SdpOffer);

    /// <summary>ACK for the 2xx.</summary>
    public static string Ack => WithBody(
        """
        ACK sip:telepath@127.0.0.1:5060 SIP/2.0
        Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-4242-1-5
        From: sipp <sip:sipp@127.0.0.1:5061>;tag=4242SIPpTag001
        To: service <sip:service@127.0.0.1:5060>;tag=9f8e7d6c5b4a39281706f5e4
        Call-ID: 1-4242@127.0.0.1
        CSeq: 1 ACK
        Contact: sip:sipp@127.0.0.1:5061
        Max-Forwards: 70
        Content-Length: {0}
        """,
        string.Empty);

    /// <summary>BYE from the caller.</summary>
    public static string Bye => WithBody(
        """
        BYE sip:telepath@127.0.0.1:5060 SIP/2.0
        Via: SIP/2.0/TCP 127.0.0.1:5061;branch=z9hG4bK-4242-1-7
        From: sipp <sip:sipp@127.0.0.1:5061>;tag=4242SIPpTag001
        To: service <sip:service@127.0.0.1:5060>;tag=9f8e7d6c5b4a39281706f5e4
        Call-ID: 1-4242@127.0.0.1
        CSeq: 2 BYE
        Max-Forwards: 70
        Reason: Q.850;cause=16;text="Normal call clearing"
        Content-Length: {0}
        """,
        string.Empty);

    /// <summary>CANCEL of the INVITE.</summary>
    public static string Cancel => WithBody(
        """
        CANCEL sip:service@127.0.0.1:5060 SIP/2.0
        Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-4242-1-0
        From: sipp <sip:sipp@127.0.0.1:5061>;tag=4242SIPpTag001
        To: service <sip:service@127.0.0.1:5060>
        Call-ID: 1-4242@127.0.0.1
        CSeq: 1 CANCEL
        Max-Forwards: 70
        Content-Length: {0}
        """,
        string.Empty);

    /// <summary>OPTIONS keep-alive as carriers send it.</summary>
    public static string Options => WithBody(
        """
        OPTIONS sip:127.0.0.1:5060 SIP/2.0
        Via: SIP/2.0/TLS 127.0.0.12:5061;branch=z9hG4bK.options.1;alias
        From: <sip:ping@carrier.example>;tag=opt-1
        To: <sip:127.0.0.1:5060>
        Call-ID: options-1@carrier.example
        CSeq: 1 OPTIONS
        Accept: application/sdp
        Content-Length: {0}
        """,
        string.Empty);

    /// <summary>Every sample, for tests that run over all of them.</summary>
    public static TheoryData<string, string> All => new()
    {
        { nameof(SippInvite), SippInvite },
        { nameof(CarrierInvite), CarrierInvite },
        { nameof(PbxInvite), PbxInvite },
        { nameof(Ok200), Ok200 },
        { nameof(Ack), Ack },
        { nameof(Bye), Bye },
        { nameof(Cancel), Cancel },
        { nameof(Options), Options },
    };

    /// <summary>UTF-8 bytes of a sample.</summary>
    public static byte[] Bytes(string message) => Encoding.UTF8.GetBytes(message);

    /// <summary>
    /// Joins a header block written with LF line ends (raw string literal) and a body into a CRLF message,
    /// replacing <c>{0}</c> with the body's byte count.
    /// </summary>
    public static string WithBody(string headers, string body)
    {
        string head = headers.ReplaceLineEndings("\r\n")
            .Replace("{0}", Encoding.UTF8.GetByteCount(body).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return head + "\r\n\r\n" + body;
    }
}
