namespace Telepath.Media.Edge;

/// <summary>The <c>disconnect_reason</c> values of spec §6, in one place.</summary>
public static class DisconnectReasons
{
    /// <summary>The caller sent BYE.</summary>
    public const string CallerHangup = "caller_hangup";

    /// <summary>The agent closed the conversation.</summary>
    public const string AgentHangup = "agent_hangup";

    /// <summary>The trunk was deleted.</summary>
    public const string TrunkDeleted = "trunk_deleted";

    /// <summary>Digest authentication failed.</summary>
    public const string AuthFailed = "auth_failed";

    /// <summary>The called number is not in the trunk's inbound numbers.</summary>
    public const string NumberNotAllowed = "number_not_allowed";

    /// <summary>The trunk is inactive.</summary>
    public const string TrunkInactive = "trunk_inactive";

    /// <summary>The agent could not be reached.</summary>
    public const string AgentUnreachable = "agent_unreachable";

    /// <summary>The agent broke its protocol or failed mid-call.</summary>
    public const string AgentError = "agent_error";

    /// <summary>No RTP arrived for the configured time.</summary>
    public const string MediaTimeout = "media_timeout";

    /// <summary>The network or the silo failed.</summary>
    public const string NetworkError = "network_error";

    /// <summary>The caller cancelled before answer.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>The silo was shutting down.</summary>
    public const string SystemShutdown = "system_shutdown";

    /// <summary>The source address is not in the trunk's allowed CIDRs.</summary>
    public const string SourceNotAllowed = "source_not_allowed";

    /// <summary>No codec in the offer is one we support (SIP 488).</summary>
    public const string CodecMismatch = "codec_mismatch";
}
