namespace Telepath.Samples.EchoAgent;

/// <summary>Settings of the echo agent (section <c>EchoAgent</c>, e.g. <c>--EchoAgent:DelayMs=800</c>).</summary>
public sealed class EchoAgentOptions
{
    /// <summary>Gets or sets how long after hearing it the caller's audio is played back, in ms. Default 500.</summary>
    public int DelayMs { get; set; } = 500;

    /// <summary>Gets or sets the length of the tone played for a DTMF digit, in ms. Default 250.</summary>
    public int ToneMs { get; set; } = 250;
}
