namespace Telepath.Media.Agents.Custom;

/// <summary>Settings of the custom (Twilio Media Streams dialect) adapter (bound from <c>Telepath:Agents:Custom</c>).</summary>
public sealed class CustomAgentOptions
{
    /// <summary>
    /// Gets or sets the most agent audio that may wait for playout; audio beyond it is dropped and counted.
    /// Default 10 minutes (Twilio drops audio past the same limit, warning 31931).
    /// </summary>
    public TimeSpan MaxBufferedAudio { get; set; } = TimeSpan.FromMinutes(10);
}
