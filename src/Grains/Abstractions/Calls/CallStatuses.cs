namespace Telepath.Grains.Abstractions.Calls;

/// <summary>The <c>status</c> values of a call (spec §6), spelled as the API and the call store spell them.</summary>
public static class CallStatuses
{
    /// <summary>The INVITE arrived; not answered yet.</summary>
    public const string Ringing = "ringing";

    /// <summary>Answered and in progress.</summary>
    public const string Connected = "connected";

    /// <summary>Connected, then ended normally.</summary>
    public const string Completed = "completed";

    /// <summary>Never connected.</summary>
    public const string Failed = "failed";

    /// <summary>Connected, then ended abnormally.</summary>
    public const string Dropped = "dropped";

    /// <summary>Every status, in lifecycle order.</summary>
    public static IReadOnlyList<string> All { get; } = [Ringing, Connected, Completed, Failed, Dropped];

    /// <summary>True for the statuses of a call that has not ended.</summary>
    public static bool IsLive(string status) => status is Ringing or Connected;
}
