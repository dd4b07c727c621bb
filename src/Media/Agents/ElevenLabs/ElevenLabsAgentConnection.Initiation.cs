using System.Text.Json;

namespace Telepath.Media.Agents.ElevenLabs;

/// <summary>The first message, <c>conversation_initiation_client_data</c> (research §2.2).</summary>
internal sealed partial class ElevenLabsAgentConnection
{
    /// <inheritdoc />
    protected override void OnStarted()
    {
        lock (Json.SyncRoot)
        {
            Utf8JsonWriter writer = Json.Begin();
            writer.WriteStartObject();
            writer.WriteString("type"u8, "conversation_initiation_client_data"u8);
            if (_options.SendPromptOverride && !string.IsNullOrEmpty(_settings.SystemPrompt))
            {
                // Only works when the agent allows the prompt override (Security tab); see ElevenLabsAgentOptions.
                writer.WriteStartObject("conversation_config_override"u8);
                writer.WriteStartObject("agent"u8);
                writer.WriteStartObject("prompt"u8);
                writer.WriteString("prompt"u8, _settings.SystemPrompt);
                writer.WriteEndObject();
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            if (_options.SendDynamicVariables)
            {
                writer.WriteStartObject("dynamic_variables"u8);
                writer.WriteString("caller_id"u8, Context.From);
                writer.WriteString("called_number"u8, Context.To);
                writer.WriteString("call_id"u8, Context.CallId);
                writer.WriteString("trunk_id"u8, Context.TrunkId);
                foreach (KeyValuePair<string, string> parameter in Context.CustomParameters)
                {
                    if (parameter.Key is not ("caller_id" or "called_number" or "call_id" or "trunk_id"))
                    {
                        writer.WriteString(parameter.Key, parameter.Value);
                    }
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            Enqueue(Json.Complete());
        }
    }
}
