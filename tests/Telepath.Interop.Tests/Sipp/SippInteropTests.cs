using Telepath.Media.Edge;

namespace Telepath.Interop.Tests.Sipp;

/// <summary>
/// SIPp (a peer nobody here wrote) against the real Media SIP server over UDP and TCP on loopback. Each test
/// asserts SIPp's exit code (0 = every call followed the scenario) and the call events the server reported.
/// </summary>
public sealed class SippInteropTests : IClassFixture<SippServerFixture>
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);
    private readonly SippServerFixture _server;

    public SippInteropTests(SippServerFixture server)
    {
        _server = server;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public Task Invite_with_digest_is_answered_and_caller_bye_completes_the_call(bool tcp) =>
        RunToCallerHangupAsync("invite_auth_bye.xml", InteropCallHandler.AnswerNumber, tcp);

    [Fact]
    public async Task Wrong_password_is_challenged_again()
    {
        SippResult result = await SippRunner.RunAsync(_server.EndPoint, "wrong_password.xml", SippServerFixture.Username, InteropCallHandler.AnswerNumber, password: "wrong");

        Assert.True(result.ExitCode == 0, result.Output);
    }

    [Fact]
    public async Task Unknown_user_is_challenged_again_like_a_wrong_password()
    {
        int started = _server.Events.Started.Count;
        SippResult result = await SippRunner.RunAsync(_server.EndPoint, "wrong_password.xml", "nobody", InteropCallHandler.AnswerNumber, authUser: "nobody");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(started, _server.Events.Started.Count);
    }

    [Fact]
    public async Task Cancel_before_answer_gets_487_and_is_recorded_as_cancelled()
    {
        int before = _server.Events.Ended.Count;
        SippResult result = await SippRunner.RunAsync(_server.EndPoint, "cancel.xml", SippServerFixture.Username, InteropCallHandler.RingNumber);

        Assert.True(result.ExitCode == 0, result.Output);
        await _server.Events.WaitForEndedCountAsync(before + 1, s_wait);
        Assert.Contains(_server.Events.Ended, e => e.DisconnectReason == DisconnectReasons.Cancelled && e.Outcome == CallOutcome.Failed);
    }

    [Fact]
    public async Task Server_hangs_up_with_bye()
    {
        SippResult result = await SippRunner.RunAsync(_server.EndPoint, "callee_bye.xml", SippServerFixture.Username, InteropCallHandler.HangUpNumber);

        Assert.True(result.ExitCode == 0, result.Output);
        await Task.Delay(100);
        Assert.Contains(_server.Events.Ended, e => e.DisconnectReason == DisconnectReasons.AgentHangup);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Reinvite_puts_the_call_on_hold_and_back(bool tcp)
    {
        SippResult result = await SippRunner.RunAsync(_server.EndPoint, "reinvite_hold.xml", SippServerFixture.Username, InteropCallHandler.AnswerNumber, tcp);

        Assert.True(result.ExitCode == 0, result.Output);
    }

    /// <summary>RFC 3261 §8.2.2.3 and RFC 4028 §6-§9 against SIPp: 420 for preconditions, 422 then a 90 s timer, one UPDATE refresh.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public Task Session_timer_is_negotiated_and_refreshed_after_420_and_422(bool tcp) =>
        RunToCallerHangupAsync("session_timer.xml", InteropCallHandler.AnswerNumber, tcp);

    /// <summary>RFC 3262 against SIPp: a caller requiring 100rel gets a reliable 180, PRACKs it, and the call completes.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public Task Caller_requiring_100rel_gets_a_reliable_180_and_its_PRACK_is_answered(bool tcp) =>
        RunToCallerHangupAsync("prack.xml", InteropCallHandler.RingThenAnswerNumber, tcp);

    [Fact]
    public async Task Options_ping_gets_200()
    {
        SippResult result = await SippRunner.RunAsync(_server.EndPoint, "options.xml", SippServerFixture.Username, InteropCallHandler.AnswerNumber);

        Assert.True(result.ExitCode == 0, result.Output);
    }

    [Fact]
    public async Task Codec_mismatch_gets_488()
    {
        SippResult result = await SippRunner.RunAsync(_server.EndPoint, "codec_mismatch.xml", SippServerFixture.Username, InteropCallHandler.AnswerNumber);

        Assert.True(result.ExitCode == 0, result.Output);
        await Task.Delay(100);
        Assert.Contains(_server.Events.Ended, e => e.DisconnectReason == DisconnectReasons.CodecMismatch);
    }

    /// <summary>
    /// RFC 3261 §13.3.1.1, RFC 3264 §7 (delayed offer, as Cisco CUBE sends by default): an INVITE without SDP gets our
    /// offer in the 200, the ACK answers with PCMA, and the A-law RTP SIPp plays reaches the call's port.
    /// </summary>
    [Fact]
    public async Task Delayed_offer_is_answered_in_the_ACK_and_carries_RTP()
    {
        int before = _server.Events.Ended.Count;
        SippResult result = await SippRunner.RunAsync(_server.EndPoint, "delayed_offer.xml", SippServerFixture.Username, InteropCallHandler.MediaNumber);

        Assert.True(result.ExitCode == 0, result.Output);
        await _server.Events.WaitForEndedCountAsync(before + 1, s_wait);
        CallEndedEvent ended = _server.Events.Ended[^1];
        Assert.Equal(CallOutcome.Completed, ended.Outcome);
        Assert.Equal(DisconnectReasons.CallerHangup, ended.DisconnectReason);
        Assert.Contains(_server.Events.Answered, a => a.CallId == ended.CallId && a.Codec == "PCMA");
        ReceivedMedia media = await WaitForMediaAsync(ended.CallId);
        Assert.Equal("PCMA", media.Codec);
        Assert.True(media.PacketsByPayloadType.GetValueOrDefault(8) > 10, $"A-law packets received: {media.PacketsByPayloadType.GetValueOrDefault(8)}");
    }

    [Fact]
    public async Task Calls_complete_despite_ten_percent_packet_loss()
    {
        SippResult result = await SippRunner.RunAsync(
            _server.EndPoint, "invite_auth_bye.xml", SippServerFixture.Username, InteropCallHandler.AnswerNumber, calls: 5, extra: ["-lost", "10", "-l", "5"]);

        Assert.True(result.ExitCode == 0, result.Output);
    }

    /// <summary>Runs a scenario whose caller hangs up; SIPp must follow it to the end and the call must complete normally.</summary>
    private async Task RunToCallerHangupAsync(string scenario, string number, bool tcp)
    {
        int before = _server.Events.Ended.Count;
        SippResult result = await SippRunner.RunAsync(_server.EndPoint, scenario, SippServerFixture.Username, number, tcp);

        Assert.True(result.ExitCode == 0, result.Output);
        await _server.Events.WaitForEndedCountAsync(before + 1, s_wait);
        CallEndedEvent ended = _server.Events.Ended[^1];
        Assert.Equal(CallOutcome.Completed, ended.Outcome);
        Assert.Equal(DisconnectReasons.CallerHangup, ended.DisconnectReason);
    }

    private async Task<ReceivedMedia> WaitForMediaAsync(string callId)
    {
        using var cts = new CancellationTokenSource(s_wait);
        ReceivedMedia? media;
        while (!_server.Handler.Media.TryGetValue(callId, out media))
        {
            await Task.Delay(10, cts.Token);
        }

        return media;
    }
}
