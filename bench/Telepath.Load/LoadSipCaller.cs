using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using Telepath.Media.Sip.Auth;

namespace Telepath.Load;

/// <summary>
/// The carrier side of the load runs' signalling: one loopback UDP socket placing digest-authenticated calls
/// (INVITE → 401 → ACK → INVITE with credentials → 200 → ACK), ending them with BYE and answering the server's BYE.
/// Responses are routed to their call by Call-ID. Plain RFC 3261 text; this is a load generator, not a SIP stack.
/// </summary>
internal sealed class LoadSipCaller : IAsyncDisposable
{
    private static readonly TimeSpan s_responseTimeout = TimeSpan.FromSeconds(10);
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly ConcurrentDictionary<string, Channel<string>> _calls = new(StringComparer.Ordinal);
    private readonly IPEndPoint _server;
    private readonly string _username;
    private readonly string _password;
    private readonly string _realm;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiveLoop;
    private int _counter;

    public LoadSipCaller(IPEndPoint server, string username, string password, string realm)
    {
        _server = server;
        _username = username;
        _password = password;
        _realm = realm;
        _socket.ReceiveBufferSize = 4 * 1024 * 1024;
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _receiveLoop = ReceiveLoopAsync();
    }

    private int LocalPort => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    /// <summary>Places a call offering PCMU from <paramref name="rtpPort"/>; returns the answer's RTP port, or null when refused.</summary>
    public async Task<LoadCall?> CallAsync(string called, int rtpPort)
    {
        int n = Interlocked.Increment(ref _counter);
        var call = new LoadCall("load-" + n.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8], "tag" + n.ToString(CultureInfo.InvariantCulture), called);
        Channel<string> inbox = Channel.CreateUnbounded<string>();
        _calls[call.CallId] = inbox;
        string sdp = "v=0\r\no=load 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio " + rtpPort.ToString(CultureInfo.InvariantCulture) + " RTP/AVP 0 101\r\n"
            + "a=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=ptime:20\r\na=sendrecv\r\n";

        string firstBranch = Branch();
        Send(Request(call, "INVITE", firstBranch, 1, null, sdp));
        string? challenge = await FinalResponseAsync(inbox, "INVITE");
        if (challenge is null || Status(challenge) != 401)
        {
            return null;
        }

        Send(Request(call, "ACK", firstBranch, 1, Header(challenge, "To"), null));
        string authorization = Authorization(Header(challenge, "WWW-Authenticate")!, call);
        Send(Request(call, "INVITE", Branch(), 2, null, sdp, authorization));
        string? answer = await FinalResponseAsync(inbox, "INVITE");
        if (answer is null || Status(answer) != 200)
        {
            return null;
        }

        call.ToHeader = Header(answer, "To")!;
        Send(Request(call, "ACK", Branch(), 2, call.ToHeader, null));
        int mediaAt = answer.IndexOf("m=audio ", StringComparison.Ordinal) + 8;
        call.RemoteRtpPort = int.Parse(answer.AsSpan(mediaAt, answer.IndexOf(' ', mediaAt) - mediaAt), CultureInfo.InvariantCulture);
        return call;
    }

    /// <summary>Hangs up (fire and forget: the run is over).</summary>
    public void HangUp(LoadCall call) => Send(Request(call, "BYE", Branch(), 3, call.ToHeader, null));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        try
        {
            await _receiveLoop;
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }

        _stop.Dispose();
    }

    private static int Status(string response) => int.Parse(response.AsSpan(8, 3), CultureInfo.InvariantCulture);

    private static string? Header(string message, string name)
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

    private static async Task<string?> FinalResponseAsync(Channel<string> inbox, string method)
    {
        using var timeout = new CancellationTokenSource(s_responseTimeout);
        try
        {
            while (true)
            {
                string message = await inbox.Reader.ReadAsync(timeout.Token);
                if (message.StartsWith("SIP/2.0 ", StringComparison.Ordinal) && Status(message) >= 200
                    && Header(message, "CSeq")!.EndsWith(method, StringComparison.Ordinal))
                {
                    return message;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private string Branch() => "z9hG4bK-load-" + Interlocked.Increment(ref _counter).ToString(CultureInfo.InvariantCulture);

    private string RequestUri => "sip:" + _username + "@" + _server.Address + ":" + _server.Port.ToString(CultureInfo.InvariantCulture);

    private string Authorization(string challenge, LoadCall call)
    {
        int start = challenge.IndexOf("nonce=\"", StringComparison.Ordinal) + 7;
        string nonce = challenge[start..challenge.IndexOf('"', start)];
        string ha1 = DigestHash.ComputeHa1(DigestAlgorithm.Md5, _username, _realm, _password);
        string cnonce = call.CallId[^8..];
        string response = DigestHash.ComputeResponse(DigestAlgorithm.Md5, ha1, nonce, "00000001", cnonce, "auth", "INVITE", RequestUri);
        return $"Digest username=\"{_username}\", realm=\"{_realm}\", nonce=\"{nonce}\", uri=\"{RequestUri}\", response=\"{response}\", algorithm=MD5, qop=auth, nc=00000001, cnonce=\"{cnonce}\"";
    }

    private string Request(LoadCall call, string method, string branch, int cseq, string? toHeader, string? body, string? authorization = null)
    {
        var text = new StringBuilder(512);
        text.Append(method).Append(' ').Append(RequestUri).Append(" SIP/2.0\r\n");
        text.Append("Via: SIP/2.0/UDP 127.0.0.1:").Append(LocalPort).Append(";branch=").Append(branch).Append(";rport\r\n");
        text.Append("Max-Forwards: 70\r\n");
        text.Append("From: <sip:+15550199@127.0.0.1>;tag=").Append(call.FromTag).Append("\r\n");
        text.Append("To: ").Append(toHeader ?? "<sip:" + call.Called + "@127.0.0.1>").Append("\r\n");
        text.Append("Call-ID: ").Append(call.CallId).Append("\r\n");
        text.Append("CSeq: ").Append(cseq).Append(' ').Append(method == "ACK" ? "ACK" : method).Append("\r\n");
        text.Append("Contact: <sip:load@127.0.0.1:").Append(LocalPort).Append(">\r\n");
        if (authorization is not null)
        {
            text.Append("Authorization: ").Append(authorization).Append("\r\n");
        }

        if (body is not null)
        {
            text.Append("Content-Type: application/sdp\r\n");
        }

        text.Append("Content-Length: ").Append(Encoding.UTF8.GetByteCount(body ?? string.Empty)).Append("\r\n\r\n").Append(body);
        return text.ToString();
    }

    private void Send(string message) => _socket.SendTo(Encoding.UTF8.GetBytes(message), SocketFlags.None, _server);

    private async Task ReceiveLoopAsync()
    {
        byte[] buffer = new byte[65536];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
            string message = Encoding.UTF8.GetString(buffer, 0, result.ReceivedBytes);
            if (!message.StartsWith("SIP/2.0 ", StringComparison.Ordinal))
            {
                AnswerRequest(message);
                continue;
            }

            if (Header(message, "Call-ID") is { } callId && _calls.TryGetValue(callId, out Channel<string>? inbox))
            {
                inbox.Writer.TryWrite(message);
            }
        }
    }

    // The server's own requests (its BYE when the agent hangs up, OPTIONS): 200 OK with the dialog headers copied.
    private void AnswerRequest(string request)
    {
        var text = new StringBuilder("SIP/2.0 200 OK\r\n");
        foreach (string name in new[] { "Via", "From", "To", "Call-ID", "CSeq" })
        {
            if (Header(request, name) is { } value)
            {
                text.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }

        text.Append("Content-Length: 0\r\n\r\n");
        Send(text.ToString());
    }
}
