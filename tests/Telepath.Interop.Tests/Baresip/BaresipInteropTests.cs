using Telepath.Interop.Tests.Sipp;
using Telepath.Media.Edge;

namespace Telepath.Interop.Tests.Baresip;

/// <summary>
/// baresip, a second independent SIP stack, calls the real Media SIP server: digest authentication (the challenged first INVITE is a separate, refused
/// attempt), offer/answer,
/// RTP from baresip, and baresip's own BYE when its audio ends.
/// </summary>
public sealed class BaresipInteropTests : IClassFixture<SippServerFixture>
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);
    private readonly SippServerFixture _server;

    public BaresipInteropTests(SippServerFixture server)
    {
        _server = server;
    }

    [Theory]
    [InlineData("PCMU", false)]
    [InlineData("PCMA", true)]
    public async Task Baresip_call_is_authenticated_answered_and_ended_by_its_bye(string codec, bool tcp)
    {
        int before = _server.Events.Ended.Count;

        BaresipResult result = await BaresipRunner.CallAsync(
            _server.EndPoint, SippServerFixture.Username, SippServerFixture.Password, InteropCallHandler.AnswerNumber,
            codec, tcp, toneLength: TimeSpan.FromSeconds(1), timeout: TimeSpan.FromSeconds(8));

        Assert.True(result.Established, result.Output);
        Assert.True(result.Terminated, result.Output);
        await _server.Events.WaitForEndedCountAsync(before + 1, s_wait);
        CallEndedEvent ended = _server.Events.Ended[^1];
        Assert.Equal(CallOutcome.Completed, ended.Outcome);
        Assert.Equal(DisconnectReasons.CallerHangup, ended.DisconnectReason);

        IReadOnlyList<SipTraceEntry> trace = _server.Events.Traces[ended.CallId];
        Assert.Contains(trace, e => !e.Outbound && e.Text.StartsWith("INVITE", StringComparison.Ordinal) && e.Text.Contains("Authorization:", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(trace, e => e.Outbound && e.Text.StartsWith("SIP/2.0 200", StringComparison.Ordinal) && e.Text.Contains($"RTP/AVP {(codec == "PCMU" ? 0 : 8)}", StringComparison.Ordinal));
        Assert.Contains(trace, e => !e.Outbound && e.Text.StartsWith("BYE", StringComparison.Ordinal));
        Assert.Contains(tcp ? "Via: SIP/2.0/TCP" : "Via: SIP/2.0/UDP", trace[0].Text, StringComparison.Ordinal);
    }
}
