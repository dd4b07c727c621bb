namespace Telepath.Grains.Abstractions.Webhooks;

/// <summary>The event types of spec §8, and the wildcard an endpoint may subscribe with.</summary>
public static class WebhookEventTypes
{
    /// <summary>A call was accepted and started ringing the agent.</summary>
    public const string CallStarted = "call.started";

    /// <summary>The call was answered.</summary>
    public const string CallAnswered = "call.answered";

    /// <summary>The call ended; the data carries the final metrics.</summary>
    public const string CallEnded = "call.ended";

    /// <summary>The agent's WebSocket connected.</summary>
    public const string AgentConnected = "agent.connected";

    /// <summary>The agent's WebSocket closed.</summary>
    public const string AgentDisconnected = "agent.disconnected";

    /// <summary>A trunk went into the error state.</summary>
    public const string TrunkError = "trunk.error";

    /// <summary>Subscribes to every type, present and future.</summary>
    public const string All = "*";

    /// <summary>Every concrete type, in documentation order.</summary>
    public static IReadOnlyList<string> Known { get; } = [CallStarted, CallAnswered, CallEnded, AgentConnected, AgentDisconnected, TrunkError];

    /// <summary>True for a concrete type of <see cref="Known"/>.</summary>
    public static bool IsKnown(string? type) => type is not null && Known.Contains(type, StringComparer.Ordinal);

    /// <summary>True when a subscription to <paramref name="subscribed"/> receives <paramref name="type"/>.</summary>
    public static bool Matches(IReadOnlyList<string> subscribed, string type)
    {
        foreach (var entry in subscribed)
        {
            if (entry == All || entry == type)
            {
                return true;
            }
        }

        return false;
    }
}
