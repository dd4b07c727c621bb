using Microsoft.Extensions.Logging;

namespace Telepath.Silo.Storage;

/// <summary>Source-generated log messages of the storage area (event ids 8100–8119).</summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 8100, EventName = "SchemaScriptApplied", Level = LogLevel.Information,
        Message = "Applied {Dialect} schema script {Version} '{Name}'")]
    public static partial void SchemaScriptApplied(ILogger logger, string dialect, int version, string name);

    [LoggerMessage(EventId = 8101, EventName = "SchemaUpToDate", Level = LogLevel.Debug,
        Message = "{Dialect} schema is up to date ({Count} scripts known)")]
    public static partial void SchemaUpToDate(ILogger logger, string dialect, int count);

    [LoggerMessage(EventId = 8102, EventName = "SchemaScriptFailed", Level = LogLevel.Error,
        Message = "{Dialect} schema script {Version} '{Name}' failed; it was rolled back")]
    public static partial void SchemaScriptFailed(ILogger logger, Exception exception, string dialect, int version, string name);
}
