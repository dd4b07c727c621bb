using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Telepath.Media.Edge;
using Telepath.Media.Hosting;
using Telepath.Media.Rtp;
using Telepath.Media.Sdp;
using Telepath.Media.Sip.Auth;
using Telepath.Media.Sip.Parsing;
using Telepath.Media.Sip.Transactions;
using Telepath.Media.Sip.Transport;
using Telepath.Media.Sip.UserAgent;
using Telepath.Media.Timing;
using Telepath.TestKit.Sip;

namespace Telepath.Media.Tests.Sip.UserAgent;

/// <summary>
/// A UAS on a loop transport under a fake clock, with a fake directory and recording call events, plus a tiny
/// scripted caller that builds requests (and digest answers) with our own serializer's conventions.
/// </summary>
internal sealed class UasHarness
{
    public const string Realm = "sip.test";
    public const string Username = "acme";
    public const string Password = "s3cret-pass";

    private int _cseq = 1;

    public UasHarness(SipOptions? options = null, IIncomingCallHandler? handler = null, SipTransportProtocol protocol = SipTransportProtocol.Udp)
    {
        Options = options ?? new SipOptions();
        Options.Domain = Realm;
        if (Options.NonceSecret.Length < 32)
        {
            Options.NonceSecret = new string('k', 40);
        }

        Time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Wheel = new TimerWheel(Time, TimeSpan.FromMilliseconds(5));
        Transport = new LoopSipTransport(protocol);
        Metrics = new SipTransportMetrics();
        var layer = new SipTransportLayer(SipParserLimits.Default, Metrics);
        layer.Add(Transport);
        var context = new TransactionContext(Wheel, new SipTimers(Options.T1, Options.T2, Options.T4), layer);
        Nonces = new NonceSource(new NonceSourceOptions { Secret = Options.NonceSecret }, Time);
        Ports = new PortAllocator(20000, 20009);
        Uas = new SipUserAgentServer(
            Options, IPAddress.Parse("192.0.2.10"), context, Directory, Events, handler ?? new AnsweringCallHandler(), Nonces,
            new CodecNegotiator(new CodecNegotiatorOptions()), Ports, Time, NullLogger.Instance);
        layer.Start(Uas);
        Directory.Add(Trunk());
    }

    public SipOptions Options { get; }

    public FakeTimeProvider Time { get; }

    public TimerWheel Wheel { get; }

    public LoopSipTransport Transport { get; }

    public SipTransportMetrics Metrics { get; }

    public NonceSource Nonces { get; }

    public PortAllocator Ports { get; }

    public SipUserAgentServer Uas { get; }

    public FakeTrunkDirectory Directory { get; } = new();

    public RecordingCallEvents Events { get; } = new();

    public IPEndPoint Caller { get; } = new(IPAddress.Parse("198.51.100.7"), 5062);

    public static string Offer(string payloads = "0 8", string address = "198.51.100.7", string direction = "sendrecv") =>
        "v=0\r\no=carrier 1 1 IN IP4 " + address + "\r\ns=-\r\nc=IN IP4 " + address + "\r\nt=0 0\r\n"
        + "m=audio 40000 RTP/AVP " + payloads + "\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=" + direction + "\r\n";

    public static TrunkIdentity Trunk(
        TrunkAdmission status = TrunkAdmission.Accept,
        IReadOnlyList<string>? cidrs = null,
        IReadOnlyList<string>? numbers = null) =>
        new("trunk-1", "account-1", Username, status,
            [DigestHa1.FromPassword(DigestAlgorithm.Sha256, Username, Realm, Password), DigestHa1.FromPassword(DigestAlgorithm.Md5, Username, Realm, Password)],
            cidrs ?? [], numbers ?? []);

    /// <summary>Advances the fake clock in small steps, running due timers after each.</summary>
    public void Advance(TimeSpan by)
    {
        TimeSpan step = TimeSpan.FromMilliseconds(5);
        for (TimeSpan done = TimeSpan.Zero; done < by; done += step)
        {
            Time.Advance(step);
            Wheel.Advance();
        }
    }

    public string Request(
        string method,
        string callId,
        string branch,
        string fromTag = "caller1",
        string? toTag = null,
        string user = Username,
        string to = "+15550100",
        string? body = null,
        string? authorization = null,
        uint? cseq = null,
        string contentType = "application/sdp",
        string cseqMethod = "",
        string? extraHeaders = null)
    {
        var builder = new StringBuilder();
        string uri = "sip:" + user + "@" + Realm;
        builder.Append(method).Append(' ').Append(uri).Append(" SIP/2.0\r\n");
        builder.Append("Via: SIP/2.0/UDP 198.51.100.7:5062;branch=").Append(branch).Append(";rport\r\n");
        builder.Append("Max-Forwards: 70\r\n");
        builder.Append("From: <sip:+15550199@carrier.example>;tag=").Append(fromTag).Append("\r\n");
        builder.Append("To: <sip:").Append(to).Append('@').Append(Realm).Append('>');
        if (toTag is not null)
        {
            builder.Append(";tag=").Append(toTag);
        }

        builder.Append("\r\nCall-ID: ").Append(callId).Append("\r\n");
        builder.Append(CultureInfo.InvariantCulture, $"CSeq: {cseq ?? (uint)_cseq++} {(cseqMethod.Length > 0 ? cseqMethod : method)}\r\n");
        builder.Append("Contact: <sip:carrier@198.51.100.7:5062>\r\n");
        if (authorization is not null)
        {
            builder.Append("Authorization: ").Append(authorization).Append("\r\n");
        }

        if (!string.IsNullOrEmpty(extraHeaders))
        {
            builder.Append(extraHeaders.TrimEnd('\r', '\n')).Append("\r\n");
        }

        if (body is not null)
        {
            builder.Append("Content-Type: ").Append(contentType).Append("\r\n");
        }

        builder.Append("Content-Length: ").Append(Encoding.UTF8.GetByteCount(body ?? string.Empty)).Append("\r\n\r\n").Append(body);
        return builder.ToString();
    }

    public static string Authorization(string challenge, string user = Username, string password = Password, string method = "INVITE", string nc = "00000001")
    {
        string nonce = Param(challenge, "nonce");
        DigestAlgorithm algorithm = challenge.Contains("SHA-256", StringComparison.Ordinal) ? DigestAlgorithm.Sha256 : DigestAlgorithm.Md5;
        string uri = "sip:" + user + "@" + Realm;
        string ha1 = DigestHash.ComputeHa1(algorithm, user, Realm, password);
        string response = DigestHash.ComputeResponse(algorithm, ha1, nonce, nc, "c0ffee", "auth", method, uri);
        return $"Digest username=\"{user}\", realm=\"{Realm}\", nonce=\"{nonce}\", uri=\"{uri}\", response=\"{response}\", algorithm={algorithm.ToToken()}, qop=auth, nc={nc}, cnonce=\"c0ffee\"";
    }

    public static string Param(string header, string name)
    {
        int start = header.IndexOf(name + "=\"", StringComparison.Ordinal) + name.Length + 2;
        return header[start..header.IndexOf('"', start)];
    }

    public static string ToTag(LoopSipMessage message) => Media.Sip.Message.NameAddress.Parse(message.Header("To")!).Tag!;

    public static Media.Sip.Message.SipRequest ParseRequest(string text) =>
        (Media.Sip.Message.SipRequest)SipParser.Parse(Encoding.UTF8.GetBytes(text), SipFraming.Datagram, SipParserLimits.Default).Message!;

    public void Send(string text) => Transport.Inject(text, Caller);

    /// <summary>The caller's response to a request the UAS sent (its Via, From, To, Call-ID and CSeq copied back).</summary>
    public static string ResponseTo(LoopSipMessage request, int status, string reason, string? extraHeaders = null) =>
        SipTestCaller.ResponseTo(request.Text, status, reason, extraHeaders);

    public LoopSipMessage Last() => Transport.Sent[^1];

    public IReadOnlyList<int> Statuses()
    {
        var statuses = new List<int>();
        foreach (LoopSipMessage message in Transport.Sent)
        {
            statuses.Add(message.StatusCode);
        }

        return statuses;
    }

    /// <summary>INVITE → 401 → INVITE with credentials; returns the response to the second INVITE.</summary>
    public LoopSipMessage InviteWithAuth(string callId, string? body = null, string user = Username, string password = Password, string to = "+15550100", string? extraHeaders = null, string contentType = "application/sdp")
    {
        Send(Request("INVITE", callId, "z9hG4bK-" + callId + "-1", user: user, to: to, body: body ?? Offer(), extraHeaders: extraHeaders, contentType: contentType));
        LoopSipMessage challenge = Last();

        // RFC 3261 §17.1.1.3: the caller acknowledges the 401 on the INVITE's branch.
        Send(Request("ACK", callId, "z9hG4bK-" + callId + "-1", user: user, to: to, toTag: ToTag(challenge), cseq: challenge.CSeqNumber));
        Send(Request("INVITE", callId, "z9hG4bK-" + callId + "-2", user: user, to: to, body: body ?? Offer(),
            authorization: Authorization(challenge.Header("WWW-Authenticate")!, user, password), extraHeaders: extraHeaders, contentType: contentType));
        return Last();
    }
}
