namespace Telepath.Grains.Calls;

/// <summary>The orders <c>GET /v1/calls</c> offers.</summary>
public enum CallSortField
{
    /// <summary><c>start_time</c> (the default, newest first).</summary>
    StartTime,

    /// <summary><c>duration</c> (seconds from answer; unanswered calls sort as the smallest).</summary>
    Duration,

    /// <summary><c>ai_latency_ms</c> (unmeasured sorts as the smallest).</summary>
    AiLatency,

    /// <summary><c>carrier_lag_ms</c>.</summary>
    CarrierLag,

    /// <summary><c>gateway_processing_ms</c>.</summary>
    GatewayProcessing,
}
