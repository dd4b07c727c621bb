namespace Telepath.Media.Agents.ElevenLabs;

/// <summary>ElevenLabs agent conversation settings (bound from <c>Telepath:Agents:ElevenLabs</c>).</summary>
public sealed class ElevenLabsAgentOptions
{
    /// <summary>
    /// Gets or sets a value indicating whether a trunk's system prompt is sent as <c>agent.prompt.prompt</c> override.
    /// The agent must allow that override in its Security tab, otherwise ElevenLabs rejects the conversation. Default true.
    /// </summary>
    public bool SendPromptOverride { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether caller, callee, call id and trunk id are sent as <c>dynamic_variables</c>. Default true.</summary>
    public bool SendDynamicVariables { get; set; } = true;
}
