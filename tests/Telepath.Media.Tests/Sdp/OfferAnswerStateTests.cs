using Telepath.Media.Sdp;

namespace Telepath.Media.Tests.Sdp;

/// <summary>The RFC 3264 offer/answer state machine as used by INVITE, re-INVITE and UPDATE.</summary>
public sealed class OfferAnswerStateTests
{
    private static readonly SessionDescription s_offer = SdpParser.Parse(SdpSamples.TwilioLike).Description!;
    private static readonly SessionDescription s_answer = SdpParser.Parse(SdpSamples.SippUac).Description!;

    [Fact]
    public void Invite_offer_answer_and_ack_reach_done()
    {
        var state = new OfferAnswerState();

        Assert.Equal(OfferAnswerOutcome.Accepted, state.ReceiveOffer(s_offer));
        Assert.Equal(OfferAnswerPhase.RemoteOfferReceived, state.Phase);
        Assert.Equal(OfferAnswerOutcome.Accepted, state.SendAnswer(s_answer, completesExchange: false));
        Assert.Equal(OfferAnswerPhase.LocalAnswerSent, state.Phase);
        state.Confirm();

        Assert.Equal(OfferAnswerPhase.Done, state.Phase);
        Assert.Equal(1, state.CompletedExchanges);
        Assert.Same(s_answer, state.LocalDescription);
    }

    [Fact]
    public void Update_answer_completes_immediately()
    {
        var state = new OfferAnswerState();
        state.ReceiveOffer(s_offer);

        state.SendAnswer(s_answer, completesExchange: true);

        Assert.Equal(OfferAnswerPhase.Done, state.Phase);
    }

    /// <summary>RFC 3261 §14.2: an offer while our own is outstanding is glare, answered 491.</summary>
    [Fact]
    public void Offer_while_our_offer_is_outstanding_is_glare()
    {
        var state = new OfferAnswerState();
        state.SendOffer(s_answer);

        Assert.Equal(OfferAnswerOutcome.Glare, state.ReceiveOffer(s_offer));
        Assert.Equal(OfferAnswerPhase.LocalOfferSent, state.Phase);
    }

    /// <summary>RFC 3261 §14.2: an offer while a remote offer is still unanswered is answered 500 with Retry-After.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Offer_while_a_remote_offer_is_pending_is_unexpected(bool answered)
    {
        var state = new OfferAnswerState();
        state.ReceiveOffer(s_offer);
        if (answered)
        {
            state.SendAnswer(s_answer, completesExchange: false);
        }

        Assert.Equal(OfferAnswerOutcome.UnexpectedOffer, state.ReceiveOffer(s_offer));
    }

    [Fact]
    public void Rejected_re_offer_restores_the_previous_state()
    {
        var state = new OfferAnswerState();
        state.ReceiveOffer(s_offer);
        state.SendAnswer(s_answer, completesExchange: true);
        var reOffer = s_offer with { Origin = s_offer.Origin with { SessionVersion = 99 } };

        state.ReceiveOffer(reOffer);
        state.RejectRemoteOffer();

        Assert.Equal(OfferAnswerPhase.Done, state.Phase);
        Assert.Equal(s_offer.Origin, state.RemoteOrigin);
    }

    [Fact]
    public void Our_offer_then_remote_answer_completes_and_a_refused_offer_rolls_back()
    {
        var state = new OfferAnswerState();
        state.ReceiveOffer(s_offer);
        state.SendAnswer(s_answer, completesExchange: true);
        var holdOffer = s_answer with { Attributes = [new SdpAttribute("sendonly")] };

        state.SendOffer(holdOffer);
        state.OfferRejectedByPeer();
        Assert.Equal(OfferAnswerPhase.Done, state.Phase);
        Assert.Same(s_answer, state.LocalDescription);

        state.SendOffer(holdOffer);
        Assert.Equal(OfferAnswerOutcome.Accepted, state.ReceiveAnswer(s_offer));
        Assert.Equal(OfferAnswerPhase.Done, state.Phase);
        Assert.Equal(2, state.CompletedExchanges);
    }

    [Fact]
    public void Answers_without_an_outstanding_offer_are_unexpected()
    {
        var state = new OfferAnswerState();

        Assert.Equal(OfferAnswerOutcome.UnexpectedAnswer, state.SendAnswer(s_answer, completesExchange: true));
        Assert.Equal(OfferAnswerOutcome.UnexpectedAnswer, state.ReceiveAnswer(s_answer));
        Assert.Equal(OfferAnswerPhase.None, state.Phase);
    }

    /// <summary>RFC 3264 §8: a re-offer with the same o= version has not changed (session refresh).</summary>
    [Fact]
    public void Re_offer_with_same_origin_version_is_recognised_as_unchanged()
    {
        var state = new OfferAnswerState();
        Assert.False(state.IsUnchangedRemoteOffer(s_offer));
        state.ReceiveOffer(s_offer);
        state.SendAnswer(s_answer, completesExchange: true);

        Assert.True(state.IsUnchangedRemoteOffer(s_offer));
        Assert.False(state.IsUnchangedRemoteOffer(s_offer with { Origin = s_offer.Origin with { SessionVersion = 2 } }));
    }
}
