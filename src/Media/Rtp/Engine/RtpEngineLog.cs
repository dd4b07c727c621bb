using System.Net;
using Microsoft.Extensions.Logging;

namespace Telepath.Media.Rtp.Engine;

/// <summary>Source-generated log messages of the RTP engine (event ids 3100–3199). Never per packet.</summary>
internal static partial class RtpEngineLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Debug, Message = "RTP stream opened on ports {RtpPort}/{RtcpPort}")]
    public static partial void StreamOpened(ILogger logger, int rtpPort, int rtcpPort);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Debug, Message = "RTP stream on port {RtpPort} closed")]
    public static partial void StreamClosed(ILogger logger, int rtpPort);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "No free RTP port pair could be bound")]
    public static partial void PortsExhausted(ILogger logger);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "RTP stream on port {RtpPort} latched to {Remote}")]
    public static partial void Latched(ILogger logger, int rtpPort, IPEndPoint remote);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "RTP stream on port {RtpPort} re-latched from {Previous} to {Remote}")]
    public static partial void Relatched(ILogger logger, int rtpPort, IPEndPoint previous, IPEndPoint remote);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Information, Message = "RTP stream on port {RtpPort} timed out: no media for {Timeout}")]
    public static partial void MediaTimeout(ILogger logger, int rtpPort, TimeSpan timeout);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Error, Message = "RTP pacing driver failed")]
    public static partial void PacingFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3107, Level = LogLevel.Warning, Message = "Consumer callback of the RTP stream on port {RtpPort} threw")]
    public static partial void ConsumerFailed(ILogger logger, int rtpPort, Exception exception);

    [LoggerMessage(EventId = 3108, Level = LogLevel.Error, Message = "RTP receive thread: a stream's receive failed")]
    public static partial void ReceiveFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3109, Level = LogLevel.Information,
        Message = "RTP media threads keep the normal scheduling class ({Reason}); grant CAP_SYS_NICE or LimitRTPRIO=1 for real-time media threads, or set Telepath:Rtp:RealtimeThreads=false")]
    public static partial void RealtimeUnavailable(ILogger logger, string reason);
}
