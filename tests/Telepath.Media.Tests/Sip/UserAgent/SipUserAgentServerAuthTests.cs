using Telepath.Media.Sip.Auth;
using Telepath.Media.Edge;
using Telepath.TestKit.Sip;

namespace Telepath.Media.Tests.Sip.UserAgent;

/// <summary>INVITE admission: digest challenges, verification, and the refusals before and after it.</summary>
public sealed class SipUserAgentServerAuthTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(5);

    /// <summary>RFC 3261 §22.2 / RFC 8760: an INVITE without credentials gets 100 then 401 with the configured challenges, preferred first.</summary>
    [Fact]
    public void Challenges_unauthenticated_invite_with_sha256_then_md5_when_configured()
    {
        var h = new UasHarness(new Media.Hosting.SipOptions { DigestAlgorithms = "SHA-256,MD5" });
        h.Send(h.Request("INVITE", "c1", "z9hG4bK-a", body: UasHarness.Offer()));

        Assert.Equal([100, 401], h.Statuses());
        IReadOnlyList<string> challenges = h.Last().Headers("WWW-Authenticate");
        Assert.Equal(2, challenges.Count);
        Assert.Contains("algorithm=SHA-256", challenges[0], StringComparison.Ordinal);
        Assert.Contains("algorithm=MD5", challenges[1], StringComparison.Ordinal);
        Assert.Contains("realm=\"sip.test\"", challenges[0], StringComparison.Ordinal);
        Assert.Empty(h.Events.Started);
    }

    [Fact]
    public void Challenges_with_407_when_configured()
    {
        var h = new UasHarness(new Media.Hosting.SipOptions { ChallengeWith401 = false, DigestAlgorithms = "SHA-256,MD5" });
        h.Send(h.Request("INVITE", "c1", "z9hG4bK-a", body: UasHarness.Offer()));

        Assert.Equal(407, h.Last().StatusCode);
        Assert.Equal(2, h.Last().Headers("Proxy-Authenticate").Count);
    }

    /// <summary>
    /// By default only MD5 is challenged: libre-based UACs (baresip 1.x) abandon the call when any challenge names
    /// another algorithm, and SIPp 3.6 answers only the first challenge.
    /// </summary>
    [Fact]
    public void Challenges_with_md5_only_by_default()
    {
        var h = new UasHarness();
        h.Send(h.Request("INVITE", "c1", "z9hG4bK-a", body: UasHarness.Offer()));

        string challenge = Assert.Single(h.Last().Headers("WWW-Authenticate"));
        Assert.Contains("algorithm=MD5", challenge, StringComparison.Ordinal);
    }

    [Fact]
    public void Digest_username_names_the_trunk_when_request_uri_and_to_both_carry_the_dialled_number()
    {
        var h = new UasHarness();
        const string dialled = "+15550100";
        h.Send(h.Request("INVITE", "c1", "z9hG4bK-1", user: dialled, to: dialled, body: UasHarness.Offer()));
        LoopSipMessage challenge = h.Last();
        Assert.Equal(401, challenge.StatusCode);
        h.Send(h.Request("ACK", "c1", "z9hG4bK-1", user: dialled, to: dialled, toTag: UasHarness.ToTag(challenge), cseq: challenge.CSeqNumber));

        string nonce = UasHarness.Param(challenge.Header("WWW-Authenticate")!, "nonce");
        string uri = "sip:" + dialled + "@" + UasHarness.Realm;
        string ha1 = DigestHash.ComputeHa1(DigestAlgorithm.Md5, UasHarness.Username, UasHarness.Realm, UasHarness.Password);
        string response = DigestHash.ComputeResponse(DigestAlgorithm.Md5, ha1, nonce, "00000001", "c0ffee", "auth", "INVITE", uri);
        // The shape baresip sends: no algorithm parameter (MD5), unquoted qop and nc last.
        string authorization = $"Digest username=\"{UasHarness.Username}\", realm=\"{UasHarness.Realm}\", nonce=\"{nonce}\", uri=\"{uri}\", response=\"{response}\", cnonce=\"c0ffee\", qop=auth, nc=00000001";
        h.Send(h.Request("INVITE", "c1", "z9hG4bK-2", user: dialled, to: dialled, body: UasHarness.Offer(), authorization: authorization));

        Assert.Equal(200, h.Last().StatusCode);
        CallStartedEvent started = Assert.Single(h.Events.Started);
        Assert.Equal("trunk-1", started.TrunkId);
        Assert.Equal(dialled, started.To);
    }

    [Fact]
    public async Task Answers_authenticated_invite_and_reports_start_answer_and_caller_hangup()
    {
        var h = new UasHarness();
        LoopSipMessage ok = h.InviteWithAuth("c1");

        Assert.Equal(200, ok.StatusCode);
        Assert.Contains(";tag=", ok.Header("To"), StringComparison.Ordinal);
        Assert.Contains("c=IN IP4 192.0.2.10", ok.Body, StringComparison.Ordinal);
        Assert.Contains("m=audio 20000 RTP/AVP 0", ok.Body, StringComparison.Ordinal);
        Assert.StartsWith("<sip:192.0.2.10:5060", ok.Header("Contact"), StringComparison.Ordinal);
        CallStartedEvent started = Assert.Single(h.Events.Started);
        Assert.Equal("trunk-1", started.TrunkId);
        Assert.Equal("+15550100", started.To);
        Assert.Equal("198.51.100.7", started.SourceAddress);
        Assert.Equal("PCMU", Assert.Single(h.Events.Answered).Codec);

        string toTag = UasHarness.ToTag(ok);
        h.Send(h.Request("ACK", "c1", "z9hG4bK-ack", toTag: toTag, cseq: 2));
        h.Send(h.Request("BYE", "c1", "z9hG4bK-bye", toTag: toTag));

        Assert.Equal(200, h.Last().StatusCode);
        CallEndedEvent ended = await h.Events.WaitForEndedAsync("call-1", s_wait);
        Assert.Equal(CallOutcome.Completed, ended.Outcome);
        Assert.Equal(DisconnectReasons.CallerHangup, ended.DisconnectReason);
        Assert.NotNull(ended.Metrics.SetupMs);
        IReadOnlyList<SipTraceEntry> trace = h.Events.Traces["call-1"];
        Assert.Contains(trace, e => e.Text.Contains("Authorization: [redacted]", StringComparison.Ordinal));
        Assert.DoesNotContain(trace, e => e.Text.Contains("response=", StringComparison.Ordinal));
        Assert.Equal(0, h.Uas.ActiveCalls);
        Assert.Equal(h.Ports.Capacity, h.Ports.Available);
    }

    [Fact]
    public void Wrong_password_is_challenged_again_then_forbidden_and_recorded_as_auth_failed()
    {
        var h = new UasHarness();
        Assert.Equal(401, h.InviteWithAuth("c1", password: "wrong").StatusCode);
        LoopSipMessage challenge = h.Last();
        h.Send(h.Request("INVITE", "c1", "z9hG4bK-3", body: UasHarness.Offer(), authorization: UasHarness.Authorization(challenge.Header("WWW-Authenticate")!, password: "wrong")));
        LoopSipMessage again = h.Last();
        h.Send(h.Request("INVITE", "c1", "z9hG4bK-4", body: UasHarness.Offer(), authorization: UasHarness.Authorization(again.Header("WWW-Authenticate")!, password: "wrong")));

        Assert.Equal(403, h.Last().StatusCode);
        Assert.Single(h.Events.Started);
        CallEndedEvent ended = Assert.Single(h.Events.Ended);
        Assert.Equal(DisconnectReasons.AuthFailed, ended.DisconnectReason);
        Assert.Equal(CallOutcome.Failed, ended.Outcome);
    }

    [Fact]
    public void Unknown_user_gets_exactly_the_responses_of_a_wrong_password()
    {
        var known = new UasHarness();
        var unknown = new UasHarness();
        for (int attempt = 0; attempt < 3; attempt++)
        {
            Step(known, UasHarness.Username, "wrong", attempt);
            Step(unknown, "nobody", "wrong", attempt);
        }

        Assert.Equal(known.Statuses(), unknown.Statuses());
        Assert.Equal([100, 401, 100, 401, 100, 401, 100, 403], unknown.Statuses());
        Assert.Equal(Shape(known.Last()), Shape(unknown.Last()));
        Assert.Empty(unknown.Events.Started);

        static void Step(UasHarness h, string user, string password, int attempt)
        {
            string? auth = attempt == 0 ? null : UasHarness.Authorization(h.Last().Header("WWW-Authenticate")!, user, password);
            h.Send(h.Request("INVITE", "c1", "z9hG4bK-" + attempt, user: user, body: UasHarness.Offer(), authorization: auth));
            if (attempt == 2)
            {
                h.Send(h.Request("INVITE", "c1", "z9hG4bK-x", user: user, body: UasHarness.Offer(), authorization: UasHarness.Authorization(h.Last().Header("WWW-Authenticate")!, user, password)));
            }
        }

        static string Shape(LoopSipMessage m) => string.Join(",", m.Text.Split("\r\n").Select(l => l.Split(':')[0]));
    }

    /// <summary>RFC 7616 §3.3: a correct answer to an expired nonce gets a new challenge with stale=true.</summary>
    [Fact]
    public void Expired_nonce_gets_a_stale_challenge()
    {
        var h = new UasHarness();
        h.Send(h.Request("INVITE", "c1", "z9hG4bK-1", body: UasHarness.Offer()));
        string challenge = h.Last().Header("WWW-Authenticate")!;
        h.Time.Advance(TimeSpan.FromMinutes(6));
        h.Send(h.Request("INVITE", "c1", "z9hG4bK-2", body: UasHarness.Offer(), authorization: UasHarness.Authorization(challenge)));

        Assert.Equal(401, h.Last().StatusCode);
        Assert.Contains("stale=true", h.Last().Header("WWW-Authenticate"), StringComparison.Ordinal);
    }

    [Fact]
    public void Replayed_credentials_are_challenged_again()
    {
        var h = new UasHarness();
        h.Send(h.Request("INVITE", "c1", "z9hG4bK-1", body: UasHarness.Offer()));
        string auth = UasHarness.Authorization(h.Last().Header("WWW-Authenticate")!);
        h.Send(h.Request("INVITE", "c1", "z9hG4bK-2", body: UasHarness.Offer(), authorization: auth));
        Assert.Equal(200, h.Last().StatusCode);

        h.Send(h.Request("INVITE", "c2", "z9hG4bK-3", body: UasHarness.Offer(), authorization: auth));
        Assert.Equal(401, h.Last().StatusCode);
    }

    [Fact]
    public void Source_outside_allowed_cidrs_is_forbidden_before_any_challenge()
    {
        var h = new UasHarness();
        h.Directory.Add(UasHarness.Trunk(cidrs: ["10.0.0.0/8"]));
        h.Send(h.Request("INVITE", "c1", "z9hG4bK-1", body: UasHarness.Offer()));

        Assert.Equal([100, 403], h.Statuses());
        Assert.Equal(DisconnectReasons.SourceNotAllowed, Assert.Single(h.Events.Ended).DisconnectReason);
    }

    [Fact]
    public void Source_inside_allowed_cidrs_is_challenged()
    {
        var h = new UasHarness();
        h.Directory.Add(UasHarness.Trunk(cidrs: ["198.51.100.0/24"]));
        Assert.Equal(200, h.InviteWithAuth("c1").StatusCode);
    }

    [Theory]
    [InlineData(TrunkAdmission.Inactive, DisconnectReasons.TrunkInactive)]
    [InlineData(TrunkAdmission.Deleted, DisconnectReasons.TrunkDeleted)]
    public void Inactive_or_deleted_trunk_is_forbidden_and_recorded(TrunkAdmission status, string reason)
    {
        var h = new UasHarness();
        h.Directory.Add(UasHarness.Trunk(status));

        Assert.Equal(403, h.InviteWithAuth("c1").StatusCode);
        CallEndedEvent ended = Assert.Single(h.Events.Ended);
        Assert.Equal(reason, ended.DisconnectReason);
        Assert.Equal(CallOutcome.Failed, ended.Outcome);
    }

    [Fact]
    public void Called_number_outside_inbound_numbers_is_forbidden()
    {
        var h = new UasHarness();
        h.Directory.Add(UasHarness.Trunk(numbers: ["+15550111"]));

        Assert.Equal(403, h.InviteWithAuth("c1").StatusCode);
        Assert.Equal(DisconnectReasons.NumberNotAllowed, Assert.Single(h.Events.Ended).DisconnectReason);
    }

    [Fact]
    public void Listed_called_number_is_admitted_ignoring_formatting()
    {
        var h = new UasHarness();
        h.Directory.Add(UasHarness.Trunk(numbers: ["+1 555 0100"]));

        Assert.Equal(200, h.InviteWithAuth("c1", to: "15550100").StatusCode);
    }

    [Fact]
    public void Offer_without_common_codec_gets_488_with_warning_and_codec_mismatch()
    {
        var h = new UasHarness();
        LoopSipMessage response = h.InviteWithAuth("c1", body: UasHarness.Offer("18").Replace("a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n", "a=rtpmap:18 G729/8000\r\n", StringComparison.Ordinal));

        Assert.Equal(488, response.StatusCode);
        Assert.StartsWith("305 ", response.Header("Warning"), StringComparison.Ordinal);
        Assert.Equal(DisconnectReasons.CodecMismatch, Assert.Single(h.Events.Ended).DisconnectReason);
        Assert.Equal(h.Ports.Capacity, h.Ports.Available);
    }

    [Fact]
    public void Trunk_is_named_by_to_user_when_request_uri_carries_the_dialled_number()
    {
        var h = new UasHarness();
        var invite = UasHarness.ParseRequest(
            h.Request("INVITE", "c1", "z9hG4bK-1", user: "+15550100", to: UasHarness.Username, body: UasHarness.Offer()));

        (string username, string called) = Media.Sip.UserAgent.SipUserAgentServer.IdentifyTarget(invite);

        Assert.Equal(UasHarness.Username, username);
        Assert.Equal("+15550100", called);
    }
}
