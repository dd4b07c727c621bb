namespace Telepath.Samples.EchoAgent;

/// <summary>Source-generated log messages of the echo agent.</summary>
internal static partial class EchoLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Stream {StreamSid} started: call {CallSid}, format {Encoding}/{SampleRate}, parameters {Parameters}")]
    public static partial void Started(ILogger logger, string streamSid, string callSid, string encoding, int sampleRate, string parameters);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Caller pressed {Digit}: playing its DTMF tone")]
    public static partial void Digit(ILogger logger, string digit);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Mark {Name} reached: the caller heard everything before it")]
    public static partial void MarkReached(ILogger logger, string name);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Stream {StreamSid} stopped after {Frames} caller frames")]
    public static partial void Stopped(ILogger logger, string streamSid, long frames);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Ignoring a message the sample does not understand: {Detail}")]
    public static partial void Ignored(ILogger logger, string detail);
}
