namespace Telepath.Load;

/// <summary>One call the load generator placed: its dialog identifiers and the RTP port the answer named.</summary>
internal sealed class LoadCall(string callId, string fromTag, string called)
{
    public string CallId { get; } = callId;

    public string FromTag { get; } = fromTag;

    public string Called { get; } = called;

    public string ToHeader { get; set; } = string.Empty;

    public int RemoteRtpPort { get; set; }
}
