using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using Telepath.Media.Tests.Sip.UserAgent;

namespace Telepath.Media.Tests.Bridge;

/// <summary>
/// A carrier's SIP side on a real loopback UDP socket: INVITE with digest, ACK, BYE, INFO, and answering the
/// server's BYE. Messages are plain text in RFC 3261 shape; responses are matched by their start line.
/// </summary>
internal sealed class SipTestCaller : IAsyncDisposable
{
    public const string Realm = "sip.test";

    private static readonly TimeSpan s_guard = TimeSpan.FromSeconds(10);
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly Channel<string> _inbox = Channel.CreateUnbounded<string>();
    private readonly CancellationTokenSource _stop = new();
    private readonly IPEndPoint _server;
    private readonly Task _receiveLoop;
    private readonly string _callId = "bridge-" + Guid.NewGuid().ToString("N");
    private int _cseq = 1;
    private int _branch;
    private string _toHeader = string.Empty;

    public SipTestCaller(IPEndPoint server)
    {
        _server = server;
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _receiveLoop = ReceiveLoopAsync();
    }

    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    public static string Offer(int rtpPort, string codecs = "0 8 101", string direction = "sendrecv") =>
        "v=0\r\no=carrier 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "m=audio " + rtpPort.ToString(CultureInfo.InvariantCulture) + " RTP/AVP " + codecs + "\r\n"
        + "a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=ptime:20\r\na=" + direction + "\r\n";

    /// <summary>INVITE → 401 → ACK → INVITE with credentials; returns the final response (provisional ones skipped).</summary>
    public async Task<string> InviteAsync(string sdp)
    {
        string first = NextBranch();
        Send(Request("INVITE", first, sdp, cseq: _cseq));
        string challenge = await FinalResponseAsync("INVITE");
        Send(Request("ACK", first, null, cseq: _cseq, toHeader: Header(challenge, "To")));
        _cseq++;
        string authorization = UasHarness.Authorization(Header(challenge, "WWW-Authenticate")!, UasHarness.Username, UasHarness.Password);
        Send(Request("INVITE", NextBranch(), sdp, cseq: _cseq, authorization: authorization));
        string final = await FinalResponseAsync("INVITE");
        _toHeader = Header(final, "To") ?? string.Empty;
        if (Status(final) == 200)
        {
            Send(Request("ACK", NextBranch(), null, cseq: _cseq, toHeader: _toHeader));
        }
        else if (Status(final) >= 300)
        {
            Send(Request("ACK", "z9hG4bK-" + _callId + "-" + _branch.ToString(CultureInfo.InvariantCulture), null, cseq: _cseq, toHeader: _toHeader));
        }

        return final;
    }

    /// <summary>Sends an in-dialog request (BYE, INFO, re-INVITE) and returns its final response.</summary>
    public async Task<string> SendInDialogAsync(string method, string? body = null, string contentType = "application/sdp")
    {
        _cseq++;
        Send(Request(method, NextBranch(), body, cseq: _cseq, toHeader: _toHeader, contentType: contentType));
        string final = await FinalResponseAsync(method);
        if (method == "INVITE")
        {
            Send(Request("ACK", NextBranch(), null, cseq: _cseq, toHeader: _toHeader));
        }

        return final;
    }

    /// <summary>Waits for the server's BYE, answers 200 and returns it.</summary>
    public async Task<string> WaitForByeAsync()
    {
        string bye = await NextAsync(static m => m.StartsWith("BYE ", StringComparison.Ordinal));
        var response = new StringBuilder("SIP/2.0 200 OK\r\n");
        foreach (string name in new[] { "Via", "From", "To", "Call-ID", "CSeq" })
        {
            response.Append(name).Append(": ").Append(Header(bye, name)).Append("\r\n");
        }

        response.Append("Content-Length: 0\r\n\r\n");
        SendRaw(response.ToString());
        return bye;
    }

    public static int Status(string response) => int.Parse(response.AsSpan(8, 3), CultureInfo.InvariantCulture);

    public static string Body(string message) => message[(message.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];

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

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        try
        {
            await _receiveLoop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Closed.
        }

        _stop.Dispose();
    }

    /// <summary>The final response to the request just sent, matched by CSeq: UDP retransmissions of earlier finals are skipped.</summary>
    private async Task<string> FinalResponseAsync(string method)
    {
        string cseq = _cseq.ToString(CultureInfo.InvariantCulture) + " " + method;
        return await NextAsync(m => m.StartsWith("SIP/2.0 ", StringComparison.Ordinal) && Status(m) >= 200 && Header(m, "CSeq") == cseq);
    }

    private async Task<string> NextAsync(Func<string, bool> match)
    {
        using var guard = new CancellationTokenSource(s_guard);
        while (true)
        {
            string message = await _inbox.Reader.ReadAsync(guard.Token);
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
        builder.Append(method).Append(" sip:").Append(UasHarness.Username).Append('@').Append(Realm).Append(" SIP/2.0\r\n");
        builder.Append(CultureInfo.InvariantCulture, $"Via: SIP/2.0/UDP 127.0.0.1:{Port};branch={branch};rport\r\n");
        builder.Append("Max-Forwards: 70\r\n");
        builder.Append("From: <sip:+15550199@carrier.example>;tag=caller1\r\n");
        builder.Append("To: ").Append(toHeader ?? "<sip:+15550100@" + Realm + ">").Append("\r\n");
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

    private void Send(string text) => SendRaw(text);

    private void SendRaw(string text) => _socket.SendTo(Encoding.UTF8.GetBytes(text), _server);

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[65536];
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
            _inbox.Writer.TryWrite(Encoding.UTF8.GetString(buffer, 0, result.ReceivedBytes));
        }
    }
}
