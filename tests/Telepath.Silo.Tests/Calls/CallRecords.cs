using Telepath.Grains.Abstractions.Calls;

namespace Telepath.Silo.Tests.Calls;

/// <summary>Builds call records for store tests.</summary>
internal static class CallRecords
{
    /// <summary>An ended call whose id is <paramref name="ordinal"/>-ordered (ids sort as the ordinal does).</summary>
    public static CallRecord Ended(
        string accountId,
        int ordinal,
        DateTimeOffset start,
        string status = CallStatuses.Completed,
        string trunkId = "trunk_00000000000000000000000001",
        double? durationSeconds = 30,
        double? aiLatencyMs = null,
        double? carrierLagMs = null,
        double? gatewayMs = null)
    {
        var answer = durationSeconds is null ? (DateTimeOffset?)null : start.AddSeconds(1);
        var end = (answer ?? start).AddSeconds(durationSeconds ?? 0.5);
        return new CallRecord(
            Id(ordinal),
            accountId,
            trunkId,
            CallDirections.Inbound,
            "+14155550100",
            "+14155550199",
            status,
            status == CallStatuses.Completed ? "caller_hangup" : "auth_failed",
            start,
            answer,
            end,
            answer is null ? null : "PCMU",
            "twilio",
            "sip-call-" + ordinal,
            "203.0.113.5:5060",
            CallMetricsData.Empty with { AiLatencyMs = aiLatencyMs, CarrierLagMs = carrierLagMs, GatewayProcessingMs = gatewayMs },
            [new CallTurnData(1, "agent", start.AddSeconds(2), 1500, aiLatencyMs, false)],
            [new SipTraceData(start, "inbound", "udp 203.0.113.5:5060", "INVITE sip:x@example.com SIP/2.0\r\n\r\n")],
            false,
            null,
            end);
    }

    /// <summary>A well-formed call id that sorts by <paramref name="ordinal"/>.</summary>
    public static string Id(int ordinal) => "call_" + ordinal.ToString("D26", System.Globalization.CultureInfo.InvariantCulture);
}
