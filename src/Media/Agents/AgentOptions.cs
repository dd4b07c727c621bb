namespace Telepath.Media.Agents;

/// <summary>Connection settings shared by every agent adapter (bound from <c>Telepath:Agents</c>).</summary>
public sealed class AgentOptions
{
    /// <summary>Gets or sets the time allowed for one WebSocket handshake (TCP + TLS + HTTP upgrade). Default 5 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets how many times a failed connect is retried before the agent counts as unreachable. Default 2.</summary>
    public int ConnectRetries { get; set; } = 2;

    /// <summary>Gets or sets the delay before the first retry; each further retry doubles it. Default 250 ms.</summary>
    public TimeSpan ConnectRetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Gets or sets the largest text message accepted from an agent, in bytes; larger ones are a protocol error. Default 4 MiB.</summary>
    public int MaxMessageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Gets or sets how many outgoing messages may wait for the socket before caller audio is dropped. Default 256 (about 5 s of audio).</summary>
    public int SendQueueCapacity { get; set; } = 256;

    /// <summary>Gets or sets the time allowed for the closing handshake and draining queued messages. Default 2 s.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
