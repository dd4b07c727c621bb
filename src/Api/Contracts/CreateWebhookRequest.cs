namespace Telepath.Api.Contracts;

/// <summary>Body of <c>POST /v1/webhooks</c>.</summary>
public sealed class CreateWebhookRequest
{
    /// <summary>The https URL to POST events to; it must not resolve to a private, loopback or link-local address. Required.</summary>
    public string? Url { get; init; }

    /// <summary>Event types to receive (<c>call.started</c>, <c>call.answered</c>, <c>call.ended</c>, <c>agent.connected</c>, <c>agent.disconnected</c>, <c>trunk.error</c>), or <c>["*"]</c> for all. Required, not empty.</summary>
    public List<string>? Events { get; init; }

    /// <summary>An optional label, at most 200 characters.</summary>
    public string? Description { get; init; }
}
