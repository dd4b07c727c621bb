using Microsoft.Extensions.Logging;
using Telepath.Media.Edge;

namespace Telepath.Media.Agents;

/// <summary>Source-generated log messages of the agent adapters (event ids 4000–4099).</summary>
internal static partial class AgentLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Agent {Provider} connected for call {CallId}")]
    public static partial void Connected(ILogger logger, AgentProvider provider, string callId);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Agent {Provider} connect attempt failed: {Detail}")]
    public static partial void ConnectAttemptFailed(ILogger logger, AgentProvider provider, string detail);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Agent {Provider} unreachable for call {CallId}: {Detail}")]
    public static partial void Unreachable(ILogger logger, AgentProvider provider, string callId, string detail);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Agent {Provider} protocol error on call {CallId}: {Detail}")]
    public static partial void ProtocolError(ILogger logger, AgentProvider provider, string callId, string detail);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Agent {Provider} closed call {CallId}: {Detail}")]
    public static partial void Closed(ILogger logger, AgentProvider provider, string callId, string detail);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Agent {Provider} reported a non-fatal error on call {CallId}: {Code} {Detail}")]
    public static partial void ProviderWarning(ILogger logger, AgentProvider provider, string callId, string code, string detail);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "Agent {Provider} call {CallId} summary: {UnknownEvents} unknown events, {DroppedFrames} dropped caller frames, {DroppedChunks} dropped agent chunks")]
    public static partial void Summary(ILogger logger, AgentProvider provider, string callId, long unknownEvents, long droppedFrames, long droppedChunks);
}
