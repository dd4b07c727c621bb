using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using Telepath.Media.Sip.Auth;

namespace Telepath.TestKit.Sip;

/// <summary>
/// A carrier's SIP side on a real loopback UDP socket: INVITE with digest (MD5, or SHA-256 when only that is offered),
/// ACK, CANCEL, BYE, INFO, re-INVITE, and answering the server's BYE. Messages are plain text in RFC 3261 shape;
/// responses are matched by their CSeq. Used against an in-process SIP server and against the real silo alike.
/// </summary>
public sealed class SipTestCaller : IAsyncDisposable
{
    private static readonly TimeSpan s_guard = TimeSpan.FromSeconds(10);
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly Channel<string> _inbox = Channel.CreateUnbounded<string>();
    private readonly CancellationTokenSource _stop = new();
    private readonly IPEndPoint _server;
    private readonly string _domain;
    private readonly string _username;
    private readonly string _password;
    private readonly string _called;
    private readonly Task _receiveLoop;
    private readonly string _callId = "caller-" + Guid.NewGuid().ToString("N");
    private int _cseq = 1;
    private int _branch;
    private string _inviteBranch = string.Empty;
    private string _toHeader = string.Empty;

    /// <summary>Initializes a new instance of the <see cref="SipTestCaller"/> class.</summary>
    /// <param name="server">The SIP server (UDP).</param>
    /// <param name="domain">The server's SIP domain, used in the Request-URI and the default To.</param>
    /// <param name="username">The trunk's SIP user name: the Request-URI user and the digest user.</param>
    /// <param name="password">The trunk's SIP password.</param>
    /// <param name="called">The dialled number, sent in To.</param>
    public SipTestCaller(IPEndPoint server, string domain, string username, string password, string called = "+15550100")
    {
        _server = server;
        _domain = domain;
        _username = username;
        _password = password;
        _called = called;
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _receiveLoop = ReceiveLoopAsync();
    }

    /// <summary>Gets the local SIP port.</summary>
    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    private string RequestUri => "sip:" + _username + "@" + _domain;

    /// <summary>An SDP offer (RFC 4566) for PCMU, PCMA and telephone-event on <paramref name="rtpPort"/>.</summary>
    public static string Offer(int rtpPort, string codecs = "0 8 101", string direction = "sendrecv") =>
        "v=0\r\no=carrier 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "m=audio " + rtpPort.ToString(CultureInfo.InvariantCulture) + " RTP/AVP " + codecs + "\r\n"
        + "a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=ptime:20\r\na=" + direction + "\r\n";

    /// <summary>The status code of a response.</summary>
    public static int Status(string response) => int.Parse(response.AsSpan(8, 3), CultureInfo.InvariantCulture);

    /// <summary>The body of a message.</summary>
    public static string Body(string message) => message[(message.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];

    /// <summary>The first value of header <paramref name="name"/>, or null.</summary>
    public static string? Header(string message, string name)
    {
        foreach (string line in message.Split("\r\n"))
        {
            if (line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
            {
                return line[(name.Length + 1)..].Trim();
            }
        }

        return null;
    }

    /// <summary>The RTP port of the SDP in a message.</summary>
    public static int MediaPort(string message)
    {
        string body = Body(message);
        int start = body.IndexOf("m=audio ", StringComparison.Ordinal) + 8;
        return int.Parse(body.AsSpan(start, body.IndexOf(' ', start) - start), CultureInfo.InvariantCulture);
    }

    /// <summary>INVITE → 401 → ACK → INVITE with credentials; returns the final response (provisional ones skipped).</summary>
    public async Task<string> InviteAsync(string sdp)
    {
        await SendAuthenticatedInviteAsync(sdp).ConfigureAwait(false);
        return await FinishInviteAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Sends the authenticated INVITE and returns once the server sent <paramref name="provisional"/> (e.g. 180), so
    /// the caller can CANCEL; finish with <see cref="CancelAsync"/> or <see cref="FinishInviteAsync"/>.
    /// </summary>
    public async Task<string> InviteUntilProvisionalAsync(string sdp, int provisional = 180)
    {
        await SendAuthenticatedInviteAsync(sdp).ConfigureAwait(false);
        string cseq = _cseq.ToString(CultureInfo.InvariantCulture) + " INVITE";
        return await NextAsync(m => m.StartsWith("SIP/2.0 ", StringComparison.Ordinal) && Status(m) == provisional && Header(m, "CSeq") == cseq).ConfigureAwait(false);
    }

    /// <summary>Waits for the pending INVITE's final response and acknowledges it (RFC 3261 §17.1.1.3 for non-2xx).</summary>
    public async Task<string> FinishInviteAsync()
    {
        string final = await FinalResponseAsync("INVITE").ConfigureAwait(false);
        _toHeader = Header(final, "To") ?? string.Empty;
        if (Status(final) == 200)
        {
            Send(Request("ACK", NextBranch(), null, cseq: _cseq, toHeader: _toHeader));
        }
        else if (Status(final) >= 300)
        {
            // The ACK of a non-2xx final belongs to the INVITE transaction: same branch.
            Send(Request("ACK", _inviteBranch, null, cseq: _cseq, toHeader: _toHeader));
        }

        return final;
    }

    /// <summary>
    /// CANCELs the pending INVITE (RFC 3261 §9.1: same Request-URI, Call-ID, To, From, CSeq number and branch) and
    /// returns the CANCEL's own final response; the INVITE's final (487) is then read with <see cref="FinishInviteAsync"/>.
    /// </summary>
    public async Task<string> CancelAsync()
    {
        Send(Request("CANCEL", _inviteBranch, null, cseq: _cseq));
        return await FinalResponseAsync("CANCEL").ConfigureAwait(false);
    }

    /// <summary>Sends an in-dialog request (BYE, INFO, re-INVITE) and returns its final response.</summary>
    public async Task<string> SendInDialogAsync(string method, string? body = null, string contentType = "application/sdp")
    {
        _cseq++;
        Send(Request(method, NextBranch(), body, cseq: _cseq, toHeader: _toHeader, contentType: contentType));
        string final = await FinalResponseAsync(method).ConfigureAwait(false);
        if (method == "INVITE")
        {
            Send(Request("ACK", NextBranch(), null, cseq: _cseq, toHeader: _toHeader));
        }

        return final;
    }

    /// <summary>Waits for the server's BYE, answers 200 and returns it.</summary>
    public async Task<string> WaitForByeAsync()
    {
        string bye = await NextAsync(static m => m.StartsWith("BYE ", StringComparison.Ordinal)).ConfigureAwait(false);
        Send(ResponseTo(bye, 200, "OK"));
        return bye;
    }

    /// <summary>A UAC's response to a request the server sent: its Via, From, To, Call-ID and CSeq copied back (RFC 3261 §8.2.6.2).</summary>
    public static string ResponseTo(string request, int status, string reason, string? extraHeaders = null)
    {
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"SIP/2.0 {status} {reason}\r\n");
        foreach (string name in new[] { "Via", "From", "To", "Call-ID", "CSeq" })
        {
            builder.Append(name).Append(": ").Append(Header(request, name)).Append("\r\n");
        }

        if (extraHeaders is not null)
        {
            builder.Append(extraHeaders.TrimEnd('\r', '\n')).Append("\r\n");
        }

        return builder.Append("Content-Length: 0\r\n\r\n").ToString();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        try
        {
            await _receiveLoop.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Closed.
        }

        _stop.Dispose();
    }

    /// <summary>The digest credentials for a challenge (RFC 7616 §3.4 with qop=auth; RFC 8760 for SHA-256 in SIP).</summary>
    private string Authorization(string challenge, string method, string uri)
    {
        string nonce = Param(challenge, "nonce");
        string realm = Param(challenge, "realm");
        DigestAlgorithm algorithm = challenge.Contains("SHA-256", StringComparison.Ordinal) ? DigestAlgorithm.Sha256 : DigestAlgorithm.Md5;
        const string Nc = "00000001";
        const string Cnonce = "c0ffee";
        string ha1 = DigestHash.ComputeHa1(algorithm, _username, realm, _password);
        string response = DigestHash.ComputeResponse(algorithm, ha1, nonce, Nc, Cnonce, "auth", method, uri);
        return $"Digest username=\"{_username}\", realm=\"{realm}\", nonce=\"{nonce}\", uri=\"{uri}\", response=\"{response}\", algorithm={algorithm.ToToken()}, qop=auth, nc={Nc}, cnonce=\"{Cnonce}\"";
    }

    private static string Param(string header, string name)
    {
        int start = header.IndexOf(name + "=\"", StringComparison.Ordinal) + name.Length + 2;
        return header[start..header.IndexOf('"', start)];
    }

    private async Task SendAuthenticatedInviteAsync(string sdp)
    {
        string first = NextBranch();
        Send(Request("INVITE", first, sdp, cseq: _cseq));
        string challenge = await FinalResponseAsync("INVITE").ConfigureAwait(false);
        Send(Request("ACK", first, null, cseq: _cseq, toHeader: Header(challenge, "To")));
        _cseq++;
        string authorization = Authorization(Header(challenge, "WWW-Authenticate")!, "INVITE", RequestUri);
        _inviteBranch = NextBranch();
        Send(Request("INVITE", _inviteBranch, sdp, cseq: _cseq, authorization: authorization));
    }

    /// <summary>The final response to the request just sent, matched by CSeq: UDP retransmissions of earlier finals are skipped.</summary>
    private async Task<string> FinalResponseAsync(string method)
    {
        string cseq = _cseq.ToString(CultureInfo.InvariantCulture) + " " + method;
        return await NextAsync(m => m.StartsWith("SIP/2.0 ", StringComparison.Ordinal) && Status(m) >= 200 && Header(m, "CSeq") == cseq).ConfigureAwait(false);
    }

    private async Task<string> NextAsync(Func<string, bool> match)
    {
        using var guard = new CancellationTokenSource(s_guard);
        while (true)
        {
            string message = await _inbox.Reader.ReadAsync(guard.Token).ConfigureAwait(false);
            if (match(message))
            {
                return message;
            }
        }
    }

    private string NextBranch() => "z9hG4bK-" + _callId + "-" + (++_branch).ToString(CultureInfo.InvariantCulture);

    private string Request(string method, string branch, string? body, int cseq, string? authorization = null, string? toHeader = null, string contentType = "application/sdp")
    {
        var builder = new StringBuilder();
        builder.Append(method).Append(' ').Append(RequestUri).Append(" SIP/2.0\r\n");
        builder.Append(CultureInfo.InvariantCulture, $"Via: SIP/2.0/UDP 127.0.0.1:{Port};branch={branch};rport\r\n");
        builder.Append("Max-Forwards: 70\r\n");
        builder.Append("From: <sip:+15550199@carrier.example>;tag=caller1\r\n");
        builder.Append("To: ").Append(toHeader ?? "<sip:" + _called + "@" + _domain + ">").Append("\r\n");
        builder.Append("Call-ID: ").Append(_callId).Append("\r\n");
        builder.Append(CultureInfo.InvariantCulture, $"CSeq: {cseq} {method}\r\n");
        builder.Append(CultureInfo.InvariantCulture, $"Contact: <sip:carrier@127.0.0.1:{Port}>\r\n");
        if (authorization is not null)
        {
            builder.Append("Authorization: ").Append(authorization).Append("\r\n");
        }

        if (body is not null)
        {
            builder.Append("Content-Type: ").Append(contentType).Append("\r\n");
        }

        builder.Append("Content-Length: ").Append(Encoding.UTF8.GetByteCount(body ?? string.Empty)).Append("\r\n\r\n").Append(body);
        return builder.ToString();
    }

    private void Send(string text) => _socket.SendTo(Encoding.UTF8.GetBytes(text), _server);

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[65536];
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stop.Token).ConfigureAwait(false);
            _inbox.Writer.TryWrite(Encoding.UTF8.GetString(buffer, 0, result.ReceivedBytes));
        }
    }
}
