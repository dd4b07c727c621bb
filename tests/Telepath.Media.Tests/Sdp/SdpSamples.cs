namespace Telepath.Media.Tests.Sdp;

/// <summary>Offer shapes seen from real peers, written by us with documentation addresses (RFC 5737 / RFC 3849).</summary>
internal static class SdpSamples
{
    /// <summary>The shape of SIPp's built-in uac scenario offer: PCMU only, LF line ends as in the scenario file.</summary>
    public const string SippUac =
        "v=0\n" +
        "o=user1 53655765 2353687637 IN IP4 127.0.0.1\n" +
        "s=-\n" +
        "c=IN IP4 127.0.0.1\n" +
        "t=0 0\n" +
        "m=audio 6000 RTP/AVP 0\n" +
        "a=rtpmap:0 PCMU/8000\n";

    /// <summary>A Twilio-like carrier offer: PCMU, PCMA, telephone-event 101, ptime/maxptime, explicit sendrecv.</summary>
    public const string TwilioLike =
        "v=0\r\n" +
        "o=root 1234567890 1234567890 IN IP4 203.0.113.5\r\n" +
        "s=Twilio Media Gateway\r\n" +
        "c=IN IP4 203.0.113.5\r\n" +
        "t=0 0\r\n" +
        "m=audio 16404 RTP/AVP 0 8 101\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n" +
        "a=fmtp:101 0-16\r\n" +
        "a=ptime:20\r\n" +
        "a=maxptime:150\r\n" +
        "a=sendrecv\r\n";

    /// <summary>An Asterisk-like offer: G.722 first, several codecs, opus, RFC 3605 a=rtcp.</summary>
    public const string AsteriskLike =
        "v=0\r\n" +
        "o=- 1700000000 1700000001 IN IP4 192.0.2.10\r\n" +
        "s=Asterisk\r\n" +
        "c=IN IP4 192.0.2.10\r\n" +
        "t=0 0\r\n" +
        "m=audio 10000 RTP/AVP 9 8 0 3 111 101\r\n" +
        "a=rtpmap:9 G722/8000\r\n" +
        "a=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:3 GSM/8000\r\n" +
        "a=rtpmap:111 opus/48000/2\r\n" +
        "a=fmtp:111 useinbandfec=1\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n" +
        "a=fmtp:101 0-16\r\n" +
        "a=rtcp:10005\r\n" +
        "a=ptime:20\r\n" +
        "a=maxptime:150\r\n" +
        "a=sendrecv\r\n";

    /// <summary>An IPv6 offer with PCMA preferred and no rtpmap lines (static payload types).</summary>
    public const string IPv6 =
        "v=0\r\n" +
        "o=alice 2890844526 2890844526 IN IP6 2001:db8::1\r\n" +
        "s= \r\n" +
        "c=IN IP6 2001:db8::1\r\n" +
        "t=0 0\r\n" +
        "m=audio 49170 RTP/AVP 8 0\r\n";

    /// <summary>A softphone offer with video first and audio second, session-level bandwidth and attribute.</summary>
    public const string VideoAndAudio =
        "v=0\r\n" +
        "o=bob 123 456 IN IP4 192.0.2.20\r\n" +
        "s=Talk\r\n" +
        "c=IN IP4 192.0.2.20\r\n" +
        "b=AS:380\r\n" +
        "t=0 0\r\n" +
        "a=rtcp-xr:rcvr-rtt=all:10000\r\n" +
        "m=video 9078 RTP/AVP 96 97\r\n" +
        "a=rtpmap:96 VP8/90000\r\n" +
        "a=rtpmap:97 H264/90000\r\n" +
        "a=fmtp:97 profile-level-id=42801F\r\n" +
        "m=audio 7078 RTP/AVP 96 0 8 101\r\n" +
        "a=rtpmap:96 opus/48000/2\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n";
}
