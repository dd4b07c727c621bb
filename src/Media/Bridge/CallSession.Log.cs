using Microsoft.Extensions.Logging;
using Telepath.Media.Agents;
using Telepath.Media.Edge;

namespace Telepath.Media.Bridge;

/// <summary>Source-generated log messages of the call bridge (event ids 5000–5099). Never per frame.</summary>
internal sealed partial class CallSession
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Call {CallId}: {Provider} agent connected in {ConnectMs:F0} ms")]
    private static partial void LogAgentConnected(ILogger logger, string callId, AgentProvider provider, double connectMs);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Call {CallId}: {Provider} agent unreachable ({Status}): {Detail}")]
    private static partial void LogAgentUnreachable(ILogger logger, string callId, AgentProvider provider, AgentConnectStatus status, string detail);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Call {CallId}: RTP port {RtpPort} (or the RTCP port after it) is held by another process")]
    private static partial void LogStreamFailed(ILogger logger, string callId, int rtpPort);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Call {CallId}: agent error: {Detail}")]
    private static partial void LogAgentError(ILogger logger, string callId, string detail);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Debug, Message = "Call {CallId}: barge-in flushed {Frames} frames")]
    private static partial void LogBargeIn(ILogger logger, string callId, int frames);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "Call {CallId}: carrier switched codec to {Codec}")]
    private static partial void LogCodecChanged(ILogger logger, string callId, string codec);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Information, Message = "Call {CallId}: on hold {Hold}")]
    private static partial void LogHold(ILogger logger, string callId, bool hold);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Information, Message = "Call {CallId}: ending with {Reason}")]
    private static partial void LogCallEnding(ILogger logger, string callId, string reason);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Warning, Message = "Call {CallId}: reporting to the silo failed")]
    private static partial void LogReportFailed(ILogger logger, string callId, Exception exception);
}
