using System.Text;
using Telepath.Media.Sip.Message;

namespace Telepath.Media.Tests.Sip.Message;

/// <summary>Finding the SDP in plain and multipart bodies (RFC 5621, RFC 2046 §5.1).</summary>
public sealed class SessionBodyTests
{
    private const string Sdp = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 8\r\n";

    [Fact]
    public void Plain_sdp_body_is_the_sdp()
    {
        Assert.True(SessionBody.TryGetSdp(Message("application/sdp", Sdp), out ReadOnlyMemory<byte> sdp));

        Assert.Equal(Sdp, Encoding.ASCII.GetString(sdp.Span));
    }

    /// <summary>ITU-T Q.1912.5 SIP-I: the ISUP IAM travels beside the SDP in multipart/mixed; the SDP part is found wherever it is.</summary>
    [Theory]
    [InlineData("multipart/mixed;boundary=unique-boundary-1")]
    [InlineData("Multipart/Mixed ; boundary=\"unique-boundary-1\"")]
    public void Finds_the_sdp_part_of_a_sip_i_multipart_body(string contentType)
    {
        string body =
            "--unique-boundary-1\r\n"
            + "Content-Type: application/ISUP;version=itu-t92+\r\nContent-Disposition: signal;handling=optional\r\n\r\n"
            + "\u0001\u0002\u0003\r\n"
            + "--unique-boundary-1\r\n"
            + "Content-Type: application/SDP\r\n\r\n"
            + Sdp
            + "\r\n--unique-boundary-1--\r\n";

        Assert.True(SessionBody.TryGetSdp(Message(contentType, body), out ReadOnlyMemory<byte> sdp));

        Assert.Equal(Sdp, Encoding.ASCII.GetString(sdp.Span));
    }

    [Theory]
    [InlineData("multipart/mixed;boundary=b1", "--b1\r\nContent-Type: application/isup\r\n\r\nxx\r\n--b1--\r\n")]
    [InlineData("multipart/mixed", "--b1\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n--b1--\r\n")]
    [InlineData("multipart/mixed;boundary=b1", "--b1\r\nContent-Type: application/sdp\r\n\r\nv=0 and never closed")]
    [InlineData("multipart/mixed;boundary=b1", "no delimiter at all")]
    [InlineData("application/isup", "\u0001\u0002")]
    public void Finds_no_sdp_where_there_is_none(string contentType, string body)
    {
        Assert.False(SessionBody.TryGetSdp(Message(contentType, body), out _));
    }

    [Fact]
    public void Empty_body_has_no_sdp()
    {
        Assert.False(SessionBody.TryGetSdp(new SipRequest(SipMethod.Invite, SipUri.Sip("acme", "192.0.2.1", 5060)), out _));
    }

    private static SipRequest Message(string contentType, string body)
    {
        var request = new SipRequest(SipMethod.Invite, SipUri.Sip("acme", "192.0.2.1", 5060));
        request.SetBody(contentType, Encoding.Latin1.GetBytes(body));
        return request;
    }
}
