using System.Net;
using Telepath.Media.Sdp;

namespace Telepath.Media.Tests.Sdp;

/// <summary>Our offers when the peer made none (RFC 3264 §5, §8) and the answers that come back (RFC 3264 §6.1, §7).</summary>
public sealed class CodecNegotiatorOfferTests
{
    private static readonly LocalMediaEndpoint s_local = new(IPAddress.Parse("198.51.100.7"), 30000);

    private static CodecNegotiator Negotiator(CodecNegotiatorOptions? options = null) => new(options ?? new CodecNegotiatorOptions());

    private static SessionDescription Parse(string text) => SdpParser.Parse(text).Description!;

    private static SessionDescription Answer(string mediaBlock, string session = "c=IN IP4 192.0.2.20\r\n") =>
        Parse("v=0\r\no=peer 77 1 IN IP4 192.0.2.20\r\ns=-\r\n" + session + "t=0 0\r\n" + mediaBlock);

    /// <summary>RFC 3264 §5: one sendrecv RTP/AVP audio stream, every codec in preference order, RFC 4733 events with fmtp.</summary>
    [Fact]
    public void Offer_lists_every_codec_in_preference_order_with_telephone_event()
    {
        var offer = Negotiator().Offer(s_local, null);
        var text = SdpWriter.Write(offer);

        Assert.Matches(@"^v=0\r\no=telepath \d+ 1 IN IP4 198\.51\.100\.7\r\ns=Telepath\r\nc=IN IP4 198\.51\.100\.7\r\nt=0 0\r\n", text);
        Assert.EndsWith(
            "m=audio 30000 RTP/AVP 0 8 101\r\n"
            + "a=rtpmap:0 PCMU/8000\r\n"
            + "a=rtpmap:8 PCMA/8000\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\n"
            + "a=fmtp:101 0-15\r\n"
            + "a=ptime:20\r\n"
            + "a=sendrecv\r\n",
            text,
            StringComparison.Ordinal);
        Assert.True(SdpParser.Parse(text).IsSuccess);
    }

    [Fact]
    public void Offer_without_telephone_event_when_disabled_and_in_configured_order()
    {
        var options = new CodecNegotiatorOptions { TelephoneEvent = false, Codecs = [SdpCodec.Pcma, SdpCodec.Pcmu] };

        var text = SdpWriter.Write(Negotiator(options).Offer(s_local, null));

        Assert.Contains("m=audio 30000 RTP/AVP 8 0\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("telephone-event", text, StringComparison.Ordinal);
    }

    /// <summary>RFC 3264 §8: a re-offer keeps the session id and increments the version; the codec in force goes first.</summary>
    [Fact]
    public void Reoffer_keeps_the_session_id_bumps_the_version_and_puts_the_current_codec_first()
    {
        var negotiator = Negotiator();
        var previous = negotiator.Offer(s_local, null);
        var current = new NegotiatedAudio(0, new NegotiatedCodec("PCMA", 8, 8000), 96, new IPEndPoint(IPAddress.Loopback, 4000),
            new IPEndPoint(IPAddress.Loopback, 4001), 20, SdpDirection.SendRecv, false);

        var reoffer = negotiator.Offer(s_local, previous, current);

        Assert.Equal(previous.Origin.SessionId, reoffer.Origin.SessionId);
        Assert.Equal(previous.Origin.SessionVersion + 1, reoffer.Origin.SessionVersion);
        Assert.Equal(["8", "0", "96"], reoffer.Media[0].Formats);
        Assert.Equal("96 0-15", reoffer.Media[0].GetAttributeValue("fmtp"));
    }

    [Fact]
    public void Identical_reoffer_keeps_the_version()
    {
        var negotiator = Negotiator();
        var first = negotiator.Offer(s_local, null);

        var again = negotiator.Offer(s_local, first);

        Assert.Equal(first.Origin, again.Origin);
    }

    [Fact]
    public void Provisional_audio_is_the_first_offered_codec_with_no_remote_yet()
    {
        var negotiator = Negotiator();

        var audio = negotiator.ProvisionalAudio(negotiator.Offer(s_local, null));

        Assert.Equal(new NegotiatedCodec("PCMU", 0, 8000), audio.Codec);
        Assert.Equal(101, audio.TelephoneEventPayloadType);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 0), audio.RemoteRtp);
        Assert.False(audio.IsRemoteHold);
    }

    /// <summary>RFC 3264 §6.1: the answerer picks PCMA; we send it with the answer's payload type to the answer's address.</summary>
    [Fact]
    public void Answer_choosing_pcma_with_telephone_event_is_accepted()
    {
        var negotiator = Negotiator();
        var offer = negotiator.Offer(s_local, null);

        var result = negotiator.AcceptAnswer(offer, Answer(
            "m=audio 6000 RTP/AVP 8 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n"));

        Assert.True(result.IsSuccess, result.Reason);
        Assert.Equal(new NegotiatedCodec("PCMA", 8, 8000), result.Audio.Codec);
        Assert.Equal(101, result.Audio.TelephoneEventPayloadType);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.20"), 6000), result.Audio.RemoteRtp);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.20"), 6001), result.Audio.RemoteRtcp);
        Assert.Equal(SdpDirection.SendRecv, result.Audio.Direction);
        Assert.False(result.Audio.IsRemoteHold);
    }

    [Fact]
    public void Answer_without_telephone_event_negotiates_none()
    {
        var negotiator = Negotiator();
        var offer = negotiator.Offer(s_local, null);

        var result = negotiator.AcceptAnswer(offer, Answer("m=audio 6000 RTP/AVP 0\r\n"));

        Assert.True(result.IsSuccess, result.Reason);
        Assert.Equal(new NegotiatedCodec("PCMU", 0, 8000), result.Audio.Codec);
        Assert.Null(result.Audio.TelephoneEventPayloadType);
    }

    /// <summary>RFC 3264 §6.1: the answer may map a codec to another payload type; we send with the answer's.</summary>
    [Fact]
    public void Answer_payload_types_are_taken_from_the_answer()
    {
        var negotiator = Negotiator();
        var offer = negotiator.Offer(s_local, null);

        var result = negotiator.AcceptAnswer(offer, Answer(
            "m=audio 6000 RTP/AVP 97 100\r\na=rtpmap:97 PCMA/8000\r\na=rtpmap:100 telephone-event/8000\r\na=rtcp:7000\r\n"));

        Assert.Equal(new NegotiatedCodec("PCMA", 97, 8000), result.Audio!.Codec);
        Assert.Equal(100, result.Audio.TelephoneEventPayloadType);
        Assert.Equal(7000, result.Audio.RemoteRtcp.Port);
    }

    [Fact]
    public void Answer_telephone_event_is_ignored_when_we_did_not_offer_it()
    {
        var negotiator = Negotiator(new CodecNegotiatorOptions { TelephoneEvent = false });
        var offer = negotiator.Offer(s_local, null);

        var result = negotiator.AcceptAnswer(offer, Answer("m=audio 6000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n"));

        Assert.True(result.IsSuccess, result.Reason);
        Assert.Null(result.Audio.TelephoneEventPayloadType);
    }

    /// <summary>RFC 3264 §6.1, §8.4: an answer with sendonly, inactive or c=0.0.0.0 means we must not send.</summary>
    [Theory]
    [InlineData("a=sendonly\r\n", "c=IN IP4 192.0.2.20\r\n", SdpDirection.RecvOnly)]
    [InlineData("a=inactive\r\n", "c=IN IP4 192.0.2.20\r\n", SdpDirection.Inactive)]
    [InlineData("a=sendrecv\r\n", "c=IN IP4 0.0.0.0\r\n", SdpDirection.RecvOnly)]
    public void Held_answers_are_hold(string direction, string connection, SdpDirection ours)
    {
        var negotiator = Negotiator();
        var offer = negotiator.Offer(s_local, null);

        var result = negotiator.AcceptAnswer(offer, Answer("m=audio 6000 RTP/AVP 0\r\n" + direction, connection));

        Assert.True(result.IsSuccess, result.Reason);
        Assert.True(result.Audio.IsRemoteHold);
        Assert.Equal(ours, result.Audio.Direction);
    }

    [Fact]
    public void Recvonly_answer_is_not_hold()
    {
        var negotiator = Negotiator();
        var offer = negotiator.Offer(s_local, null);

        var result = negotiator.AcceptAnswer(offer, Answer("m=audio 6000 RTP/AVP 0\r\na=recvonly\r\n"));

        Assert.False(result.Audio!.IsRemoteHold);
        Assert.Equal(SdpDirection.SendOnly, result.Audio.Direction);
    }

    [Theory]
    [InlineData("m=audio 0 RTP/AVP 0\r\n", SdpAnswerError.StreamRejected)]
    [InlineData("m=audio 6000 RTP/AVP 18\r\na=rtpmap:18 G729/8000\r\n", SdpAnswerError.CodecNotOffered)]
    [InlineData("m=audio 6000 RTP/AVP 9\r\n", SdpAnswerError.CodecNotOffered)]
    [InlineData("m=audio 6000 RTP/AVP 101\r\na=rtpmap:101 telephone-event/8000\r\n", SdpAnswerError.CodecNotOffered)]
    [InlineData("m=audio 6000 RTP/SAVP 0\r\n", SdpAnswerError.IncompatibleStream)]
    [InlineData("m=video 6000 RTP/AVP 0\r\n", SdpAnswerError.IncompatibleStream)]
    [InlineData("m=audio 6000 RTP/AVP abc\r\n", SdpAnswerError.CodecNotOffered)]
    [InlineData("m=audio 6000 RTP/AVP 0\r\nm=video 7000 RTP/AVP 31\r\n", SdpAnswerError.MediaCountMismatch)]
    public void Unusable_answers_are_refused(string mediaBlock, SdpAnswerError expected)
    {
        var negotiator = Negotiator();
        var offer = negotiator.Offer(s_local, null);

        var result = negotiator.AcceptAnswer(offer, Answer(mediaBlock));

        Assert.False(result.IsSuccess);
        Assert.Equal(expected, result.Error);
        Assert.Null(result.Audio);
    }

    /// <summary>RFC 3264 §6: the answer has as many m-lines as the offer; one without any cannot be matched.</summary>
    [Fact]
    public void Answer_with_fewer_m_lines_is_refused()
    {
        var negotiator = Negotiator();
        var offer = negotiator.Offer(s_local, null);
        var empty = Answer("m=audio 6000 RTP/AVP 0\r\n") with { Media = [] };

        var result = negotiator.AcceptAnswer(offer, empty);

        Assert.Equal(SdpAnswerError.MediaCountMismatch, result.Error);
    }

    [Fact]
    public void Answer_without_any_connection_is_refused()
    {
        var negotiator = Negotiator();
        var offer = negotiator.Offer(s_local, null);

        var result = negotiator.AcceptAnswer(offer, Answer("m=audio 6000 RTP/AVP 0\r\n", session: string.Empty));

        Assert.Equal(SdpAnswerError.MissingConnection, result.Error);
    }

    [Fact]
    public void A_codec_dropped_from_the_reoffer_cannot_be_answered()
    {
        var negotiator = Negotiator(new CodecNegotiatorOptions { Codecs = [SdpCodec.Pcmu] });
        var offer = negotiator.Offer(s_local, null);

        var result = negotiator.AcceptAnswer(offer, Answer("m=audio 6000 RTP/AVP 8\r\n"));

        Assert.Equal(SdpAnswerError.CodecNotOffered, result.Error);
    }
}
