using Microsoft.Extensions.Logging.Abstractions;
using Telepath.Media.Agents;
using Telepath.Media.Agents.Custom;
using Telepath.Media.Agents.ElevenLabs;
using Telepath.Media.Agents.OpenAi;
using Telepath.Media.Edge;

namespace Telepath.Benchmarks;

/// <summary>Builds never-started adapters over an <see cref="AgentBenchmarkSocket"/> for the agent benchmarks.</summary>
internal static class AgentBenchmarkConnections
{
    /// <summary>Creates the adapter for <paramref name="provider"/> on a μ-law or A-law trunk.</summary>
    public static AgentConnectionBase Create(AgentProvider provider, bool aLawTrunk)
    {
        var settings = new AgentSettings(
            "trunk-1", provider, new Uri("wss://agent.invalid/"), "key", "Be brief.", null, null, "agent_1", new Dictionary<string, string>());
        var context = new AgentCallContext(
            "call-1", "+15550001111", "+15550002222", "trunk-1", aLawTrunk ? AgentAudioFormat.ALaw8000 : AgentAudioFormat.MuLaw8000, new Dictionary<string, string>());
        var options = new AgentOptions();
        var socket = new AgentBenchmarkSocket();
        return provider switch
        {
            AgentProvider.OpenAi => new OpenAiAgentConnection(socket, context, settings, options, new OpenAiAgentOptions(), TimeProvider.System, NullLogger.Instance),
            AgentProvider.ElevenLabs => new ElevenLabsAgentConnection(socket, context, settings, options, new ElevenLabsAgentOptions(), new EnergyVadOptions(), TimeProvider.System, NullLogger.Instance),
            _ => new CustomAgentConnection(socket, context, options, new CustomAgentOptions(), new EnergyVadOptions(), TimeProvider.System, NullLogger.Instance),
        };
    }

    /// <summary>A speech-like 20 ms frame (160 bytes of G.711 with varied values).</summary>
    public static byte[] Frame()
    {
        byte[] frame = new byte[160];
        for (int i = 0; i < frame.Length; i++)
        {
            frame[i] = (byte)(0x20 + ((i * 37) % 0x5F));
        }

        return frame;
    }
}
