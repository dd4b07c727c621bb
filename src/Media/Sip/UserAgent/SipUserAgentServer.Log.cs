using Microsoft.Extensions.Logging;
using Telepath.Media.Edge;

namespace Telepath.Media.Sip.UserAgent;

/// <summary>Source-generated logs of the UAS (Sip event ids 1100-1199).</summary>
internal sealed partial class SipUserAgentServer
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Call {CallId} started on trunk {TrunkId} (SIP Call-ID {SipCallId})")]
    private static partial void LogCallStarted(ILogger logger, string callId, string trunkId, string sipCallId);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Call {CallId} refused with {StatusCode}: {Reason}")]
    private static partial void LogCallRefused(ILogger logger, string callId, int statusCode, string reason);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Call {CallId} ended: {Outcome} ({Reason})")]
    private static partial void LogCallEnded(ILogger logger, string callId, CallOutcome outcome, string reason);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Error, Message = "Admission of SIP Call-ID {SipCallId} failed")]
    private static partial void LogAdmissionFailed(ILogger logger, string sipCallId, Exception exception);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Error, Message = "The call handler failed on call {CallId}")]
    private static partial void LogHandlerFailed(ILogger logger, string callId, Exception exception);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning, Message = "Reporting call {CallId} failed")]
    private static partial void LogReportFailed(ILogger logger, string callId, Exception exception);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Warning, Message = "Call {CallId}: no session refresh within the {Seconds} s session interval; ending the dialog")]
    private static partial void LogSessionExpired(ILogger logger, string callId, uint seconds);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Warning, Message = "Call {CallId}: our session refresh got {StatusCode}")]
    private static partial void LogSessionRefreshFailed(ILogger logger, string callId, int statusCode);
}
