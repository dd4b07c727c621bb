using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telepath.Api.Tests.Support;
using Telepath.Grains.Abstractions.Identifiers;
using Telepath.Media.Edge;

namespace Telepath.Api.Tests.Calls;

/// <summary>Plays calls into a real silo through its <see cref="ICallEvents"/>, as the media engine would, and reads them back over the API.</summary>
internal sealed class CallDriver
{
    private readonly ApiSiloFixture _fixture;

    public CallDriver(ApiSiloFixture fixture, ApiKeyClient client)
    {
        _fixture = fixture;
        Client = client;
        Events = fixture.Silo.Services.GetRequiredService<ICallEvents>();
        TrunkId = new ResourceIdGenerator(TimeProvider.System).New(ResourcePrefixes.Trunk);
    }

    public ApiKeyClient Client { get; }

    public ICallEvents Events { get; }

    public string TrunkId { get; }

    public static async Task<CallDriver> CreateAsync(ApiSiloFixture fixture) => new(fixture, await fixture.NewKeyAsync());

    public ValueTask<string> StartAsync(DateTimeOffset at, string? trunkId = null) => Events.CallStartedAsync(
        new CallStartedEvent(trunkId ?? TrunkId, Client.AccountId, "+14155550100", "+14155550199", "twilio", "203.0.113.5:5060", "sip-" + Guid.NewGuid(), at),
        CancellationToken.None);

    /// <summary>A whole answered call: start, answer, one progress checkpoint, SIP trace, end.</summary>
    public async Task<string> CompletedAsync(DateTimeOffset start, double aiLatencyMs, double gatewayMs, double carrierLagMs, double durationSeconds, CallOutcome outcome = CallOutcome.Completed, string? trunkId = null)
    {
        var id = await StartAsync(start, trunkId);
        await Events.CallAnsweredAsync(new CallAnsweredEvent(id, start.AddMilliseconds(120), "PCMU", 120), CancellationToken.None);
        var metrics = new CallMetrics(aiLatencyMs, aiLatencyMs * 1.2, gatewayMs, gatewayMs * 2, carrierLagMs, 120, 3.5, 0.5, 4.2, 1);
        await Events.CallProgressAsync(new CallProgressEvent(id, [new CallTurn(1, TurnSpeaker.Caller, start.AddSeconds(1), 2000, null, false)], metrics), CancellationToken.None);
        await Events.SipTraceAsync(id, [new SipTraceEntry(start, false, "udp 203.0.113.5:5060", "INVITE sip:+14155550199@sip.example.com SIP/2.0\r\n\r\n"), new SipTraceEntry(start.AddMilliseconds(120), true, "udp 203.0.113.5:5060", "SIP/2.0 200 OK\r\n\r\n")], CancellationToken.None);
        var reason = outcome == CallOutcome.Completed ? DisconnectReasons.CallerHangup : DisconnectReasons.AgentError;
        await Events.CallEndedAsync(
            new CallEndedEvent(id, start.AddMilliseconds(120).AddSeconds(durationSeconds), outcome, reason, [new CallTurn(2, TurnSpeaker.Agent, start.AddSeconds(3), 1800, aiLatencyMs, false)], metrics),
            CancellationToken.None);
        return id;
    }

    /// <summary>A call refused before answer.</summary>
    public async Task<string> RefusedAsync(DateTimeOffset start, string reason)
    {
        var id = await StartAsync(start);
        await Events.CallEndedAsync(new CallEndedEvent(id, start.AddMilliseconds(5), CallOutcome.Failed, reason, [], CallMetrics.Empty), CancellationToken.None);
        return id;
    }

    public async Task<(int Status, JsonElement Body)> GetJsonAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>
    /// Analytics are fed by one-way messages: waits (bounded) until <paramref name="path"/>'s answer satisfies
    /// <paramref name="ready"/>, then returns it. The assertions that follow are on the values, never on the time taken.
    /// </summary>
    public async Task<JsonElement> EventuallyAsync(string path, Func<JsonElement, bool> ready)
    {
        JsonElement body = default;
        for (var attempt = 0; attempt < 300; attempt++)
        {
            (_, body) = await GetJsonAsync(path);
            if (ready(body))
            {
                return body;
            }

            await Task.Delay(50);
        }

        return body;
    }
}
