namespace Telepath.Media.Agents.OpenAi;

/// <summary>OpenAI Realtime (GA) session defaults (bound from <c>Telepath:Agents:OpenAi</c>).</summary>
public sealed class OpenAiAgentOptions
{
    /// <summary>Gets or sets the model used when the trunk names none. Default <c>gpt-realtime</c>.</summary>
    public string DefaultModel { get; set; } = "gpt-realtime";

    /// <summary>Gets or sets the voice used when the trunk names none. Default <c>marin</c> (recommended for GA).</summary>
    public string DefaultVoice { get; set; } = "marin";

    /// <summary>Gets or sets the server VAD activation threshold, 0–1. Default 0.5 (OpenAI's default).</summary>
    public double VadThreshold { get; set; } = 0.5;

    /// <summary>Gets or sets the audio kept before detected speech, in ms. Default 300.</summary>
    public int VadPrefixPaddingMs { get; set; } = 300;

    /// <summary>Gets or sets the silence that ends a caller turn, in ms. Default 500.</summary>
    public int VadSilenceDurationMs { get; set; } = 500;

    /// <summary>Gets or sets a value indicating whether the agent speaks first (<c>response.create</c> right after set-up). Default true.</summary>
    public bool GreetOnConnect { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether DTMF digits are sent to the model as user text items (the WebSocket API has no DTMF event). Default true.</summary>
    public bool ForwardDtmfAsText { get; set; } = true;
}
