using System.Net;
using Telepath.Media.Sdp;

namespace Telepath.Media.Tests.Sdp;

/// <summary>UAS answers to offers (RFC 3264 §6, RFC 3551 static types, RFC 4733 telephone-event).</summary>
public sealed class CodecNegotiatorTests
{
    private static readonly LocalMediaEndpoint s_local = new(IPAddress.Parse("198.51.100.7"), 30000);

    private static SessionDescription Offer(string mediaBlock, string session = "c=IN IP4 192.0.2.10\r\n") =>
        SdpParser.Parse("v=0\r\no=peer 42 7 IN IP4 192.0.2.10\r\ns=-\r\n" + session + "t=0 0\r\n" + mediaBlock)
            .Description!;

    private static SdpNegotiationResult Answer(SessionDescription offer, CodecNegotiatorOptions? options = null) =>
        new CodecNegotiator(options ?? new CodecNegotiatorOptions()).Answer(offer, s_local);

    [Fact]
    public void Pcmu_only_offer_is_answered_with_pcmu()
    {
        var result = Answer(SdpParser.Parse(SdpSamples.SippUac).Description!);

        Assert.True(result.IsSuccess);
        Assert.Equal(new NegotiatedCodec("PCMU", 0, 8000), result.Audio.Codec);
        Assert.Null(result.Audio.TelephoneEventPayloadType);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 6000), result.Audio.RemoteRtp);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 6001), result.Audio.RemoteRtcp);
        Assert.Equal(20, result.Audio.Ptime);
        Assert.Equal(SdpDirection.SendRecv, result.Audio.Direction);
        Assert.False(result.Audio.IsRemoteHold);
    }

    [Fact]
    public void Pcma_only_offer_without_rtpmap_is_answered_with_static_pcma()
    {
        var result = Answer(Offer("m=audio 4000 RTP/AVP 8\r\n"));

        Assert.True(result.IsSuccess);
        Assert.Equal(new NegotiatedCodec("PCMA", 8, 8000), result.Audio.Codec);
    }

    [Theory]
    [InlineData("0 8", "PCMU")]
    [InlineData("8 0", "PCMA")]
    public void Offerer_order_decides_between_pcmu_and_pcma(string formats, string expected)
    {
        var result = Answer(Offer("m=audio 4000 RTP/AVP " + formats + "\r\n"));

        Assert.Equal(expected, result.Audio!.Codec.Name);
    }

    [Fact]
    public void Local_order_wins_when_configured()
    {
        var options = new CodecNegotiatorOptions { HonourOffererOrder = false };

        var result = Answer(Offer("m=audio 4000 RTP/AVP 8 0\r\n"), options);

        Assert.Equal("PCMU", result.Audio!.Codec.Name);
    }

    [Fact]
    public void G729_only_offer_fails_with_488_and_warning_305()
    {
        var result = Answer(Offer("m=audio 4000 RTP/AVP 18\r\na=rtpmap:18 G729/8000\r\n"));

        Assert.False(result.IsSuccess);
        Assert.Equal(SdpNegotiationFailureReason.NoCommonCodec, result.Failure.Reason);
        Assert.Equal(305, result.Failure.WarningCode);
        Assert.Equal(488, SdpNegotiationFailure.StatusCode);
        Assert.Contains("PCMU", result.Failure.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Video_only_offer_fails_with_warning_304()
    {
        var result = Answer(Offer("m=video 4000 RTP/AVP 96\r\na=rtpmap:96 VP8/90000\r\n"));

        Assert.Equal(SdpNegotiationFailureReason.NoAudioStream, result.Failure!.Reason);
        Assert.Equal(304, result.Failure.WarningCode);
    }

    [Fact]
    public void Srtp_only_offer_fails_with_warning_302()
    {
        var result = Answer(Offer("m=audio 4000 RTP/SAVP 0\r\n"));

        Assert.Equal(SdpNegotiationFailureReason.IncompatibleTransport, result.Failure!.Reason);
        Assert.Equal(302, result.Failure.WarningCode);
    }

    [Fact]
    public void Offer_without_any_connection_line_fails()
    {
        var result = Answer(Offer("m=audio 4000 RTP/AVP 0\r\n", session: string.Empty));

        Assert.Equal(SdpNegotiationFailureReason.MissingConnection, result.Failure!.Reason);
    }

    [Fact]
    public void Twilio_like_offer_negotiates_telephone_event_with_offerer_pt_and_0_15()
    {
        var result = Answer(SdpParser.Parse(SdpSamples.TwilioLike).Description!);

        Assert.True(result.IsSuccess);
        Assert.Equal(101, result.Audio.TelephoneEventPayloadType);
        var media = Assert.Single(result.Answer.Media);
        Assert.Equal(["0", "101"], media.Formats);
        Assert.Equal(new SdpRtpMap(101, "telephone-event", 8000), media.GetRtpMap(101));
        Assert.Equal("0-15", media.GetFormatParameters(101));
        Assert.Equal(30000, media.Port);
    }

    [Fact]
    public void Dynamic_payload_types_are_matched_by_rtpmap_name_case_insensitively_and_clock_rate()
    {
        var result = Answer(Offer(
            "m=audio 4000 RTP/AVP 97 98 96\r\na=rtpmap:97 PCMU/16000\r\na=rtpmap:98 pcma/8000\r\n" +
            "a=rtpmap:96 Telephone-Event/8000\r\n"));

        Assert.Equal(new NegotiatedCodec("PCMA", 98, 8000), result.Audio!.Codec);
        Assert.Equal(96, result.Audio.TelephoneEventPayloadType);
        Assert.Equal(["98", "96"], result.Answer!.Media[0].Formats);
    }

    [Fact]
    public void Telephone_event_at_another_clock_rate_is_not_negotiated()
    {
        var result = Answer(Offer("m=audio 4000 RTP/AVP 0 100\r\na=rtpmap:100 telephone-event/48000\r\n"));

        Assert.Null(result.Audio!.TelephoneEventPayloadType);
        Assert.Equal(["0"], result.Answer!.Media[0].Formats);
    }

    [Fact]
    public void Dynamic_payload_type_without_rtpmap_is_ignored()
    {
        var result = Answer(Offer("m=audio 4000 RTP/AVP 96 8\r\n"));

        Assert.Equal("PCMA", result.Audio!.Codec.Name);
    }

    /// <summary>RFC 3264 §6.1: sendonly answered recvonly, recvonly sendonly, inactive inactive.</summary>
    [Theory]
    [InlineData("sendrecv", SdpDirection.SendRecv, false)]
    [InlineData("sendonly", SdpDirection.RecvOnly, true)]
    [InlineData("recvonly", SdpDirection.SendOnly, false)]
    [InlineData("inactive", SdpDirection.Inactive, true)]
    public void Answer_direction_mirrors_the_offer(string offered, SdpDirection expected, bool hold)
    {
        var result = Answer(Offer("m=audio 4000 RTP/AVP 0\r\na=" + offered + "\r\n"));

        Assert.Equal(expected, result.Audio!.Direction);
        Assert.Equal(hold, result.Audio.IsRemoteHold);
        Assert.Equal(new SdpAttribute(expected.ToAttributeName()), result.Answer!.Media[0].Attributes[^1]);
    }

    [Fact]
    public void Session_level_direction_applies_to_media_without_its_own()
    {
        var result = Answer(Offer("m=audio 4000 RTP/AVP 0\r\n", session: "c=IN IP4 192.0.2.10\r\na=sendonly\r\n"));

        Assert.Equal(SdpDirection.RecvOnly, result.Audio!.Direction);
    }

    /// <summary>RFC 3264 §8.4: an answerer must recognise the RFC 2543 hold address 0.0.0.0 and not send to it.</summary>
    [Fact]
    public void Old_style_hold_with_zero_address_is_recognised_and_we_stop_sending()
    {
        var result = Answer(Offer("m=audio 4000 RTP/AVP 0\r\n", session: "c=IN IP4 0.0.0.0\r\n"));

        Assert.True(result.IsSuccess);
        Assert.True(result.Audio.IsRemoteHold);
        Assert.Equal(SdpDirection.RecvOnly, result.Audio.Direction);
        Assert.Equal(IPAddress.Any, result.Audio.RemoteRtp.Address);
    }

    [Theory]
    [InlineData("a=ptime:30\r\n", 30)]
    [InlineData("a=ptime:10\r\n", 10)]
    [InlineData("a=ptime:25\r\n", 20)]
    [InlineData("a=ptime:200\r\n", 20)]
    [InlineData("", 20)]
    [InlineData("a=maxptime:10\r\n", 10)]
    [InlineData("a=ptime:40\r\na=maxptime:30\r\n", 20)]
    public void Ptime_follows_the_offer_when_we_can(string attributes, int expected)
    {
        var result = Answer(Offer("m=audio 4000 RTP/AVP 0\r\n" + attributes));

        Assert.Equal(expected, result.Audio!.Ptime);
        Assert.Equal(expected, result.Answer!.Media[0].Ptime);
    }

    [Fact]
    public void Session_level_ptime_is_honoured()
    {
        var result = Answer(Offer("m=audio 4000 RTP/AVP 0\r\n", session: "c=IN IP4 192.0.2.10\r\na=ptime:30\r\n"));

        Assert.Equal(30, result.Audio!.Ptime);
    }

    /// <summary>RFC 3264 §6: rejected streams keep their m-line with port 0, so m-line count and order match.</summary>
    [Fact]
    public void Video_is_rejected_with_port_zero_keeping_mline_count_and_order()
    {
        var result = Answer(SdpParser.Parse(SdpSamples.VideoAndAudio).Description!);

        Assert.True(result.IsSuccess);
        Assert.Equal(2, result.Answer.Media.Count);
        Assert.Equal("video", result.Answer.Media[0].Media);
        Assert.Equal(0, result.Answer.Media[0].Port);
        Assert.Equal(["96", "97"], result.Answer.Media[0].Formats);
        Assert.Equal("audio", result.Answer.Media[1].Media);
        Assert.Equal(30000, result.Answer.Media[1].Port);
        Assert.Equal(1, result.Audio.MediaIndex);
        Assert.Equal(new NegotiatedCodec("PCMU", 0, 8000), result.Audio.Codec);
        Assert.Equal(101, result.Audio.TelephoneEventPayloadType);
    }

    [Fact]
    public void Second_audio_stream_and_disabled_streams_are_rejected()
    {
        var result = Answer(Offer("m=audio 0 RTP/AVP 0\r\nm=audio 4000 RTP/AVP 8\r\nm=audio 4002 RTP/AVP 0\r\n"));

        Assert.Equal([0, 30000, 0], result.Answer!.Media.Select(m => m.Port));
        Assert.Equal(1, result.Audio!.MediaIndex);
        Assert.Equal(4000, result.Audio.RemoteRtp.Port);
    }

    [Fact]
    public void Asterisk_like_offer_uses_a_rtcp_port_and_skips_unsupported_g722()
    {
        var result = Answer(SdpParser.Parse(SdpSamples.AsteriskLike).Description!);

        Assert.Equal(new NegotiatedCodec("PCMA", 8, 8000), result.Audio!.Codec);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.10"), 10005), result.Audio.RemoteRtcp);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.10"), 10000), result.Audio.RemoteRtp);
    }

    [Fact]
    public void G722_is_chosen_when_configured_and_offered_first()
    {
        var options = new CodecNegotiatorOptions { Codecs = [SdpCodec.G722, SdpCodec.Pcmu, SdpCodec.Pcma] };

        var result = Answer(SdpParser.Parse(SdpSamples.AsteriskLike).Description!, options);

        Assert.Equal(new NegotiatedCodec("G722", 9, 8000), result.Audio!.Codec);
    }

    [Fact]
    public void Ipv6_offer_gets_an_ipv6_remote_endpoint_and_the_answer_uses_our_address()
    {
        var result = Answer(SdpParser.Parse(SdpSamples.IPv6).Description!);

        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8::1"), 49170), result.Audio!.RemoteRtp);
        Assert.Equal("PCMA", result.Audio.Codec.Name);
        Assert.Equal(s_local.Address, result.Answer!.Connection!.Address);
    }

    [Fact]
    public void Answer_round_trips_through_writer_and_parser()
    {
        var answer = Answer(SdpParser.Parse(SdpSamples.TwilioLike).Description!).Answer!;

        var text = SdpWriter.Write(answer);
        var reparsed = SdpParser.Parse(text);

        Assert.True(reparsed.IsSuccess, reparsed.Reason);
        Assert.StartsWith("v=0\r\no=telepath ", text, StringComparison.Ordinal);
        Assert.Contains("\r\nc=IN IP4 198.51.100.7\r\nt=0 0\r\nm=audio 30000 RTP/AVP 0 101\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("a=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=ptime:20\r\na=sendrecv\r\n", text, StringComparison.Ordinal);
    }

    /// <summary>RFC 3264 §8: the session id stays, the version increments only when the answer changes.</summary>
    [Fact]
    public void Re_offer_keeps_session_id_and_bumps_version_only_when_the_answer_changes()
    {
        var negotiator = new CodecNegotiator(new CodecNegotiatorOptions());
        var offer = SdpParser.Parse(SdpSamples.TwilioLike).Description!;
        var first = negotiator.Answer(offer, s_local).Answer!;

        var same = negotiator.Answer(offer, s_local, first).Answer!;
        var holdOffer = SdpParser.Parse(SdpSamples.TwilioLike.Replace("a=sendrecv", "a=sendonly", StringComparison.Ordinal)).Description!;
        var hold = negotiator.Answer(holdOffer, s_local, same).Answer!;

        Assert.Equal(first.Origin, same.Origin);
        Assert.Equal(first.Origin.SessionId, hold.Origin.SessionId);
        Assert.Equal(first.Origin.SessionVersion + 1, hold.Origin.SessionVersion);
        Assert.Equal(SdpDirection.RecvOnly, hold.Media[0].Direction);
        Assert.Matches("^[0-9]+$", first.Origin.SessionId);
    }

    [Fact]
    public void First_answers_get_distinct_session_ids()
    {
        var offer = SdpParser.Parse(SdpSamples.SippUac).Description!;

        Assert.NotEqual(Answer(offer).Answer!.Origin.SessionId, Answer(offer).Answer!.Origin.SessionId);
    }

    [Fact]
    public void Re_offer_keeps_the_previous_codec_when_still_offered()
    {
        var negotiator = new CodecNegotiator(new CodecNegotiatorOptions());
        var first = negotiator.Answer(Offer("m=audio 4000 RTP/AVP 8 0\r\n"), s_local);

        var second = negotiator.Answer(Offer("m=audio 4000 RTP/AVP 0 8\r\n"), s_local, first.Answer);

        Assert.Equal("PCMA", second.Audio!.Codec.Name);
        Assert.Equal(first.Answer!.Origin, second.Answer!.Origin);
    }
}
