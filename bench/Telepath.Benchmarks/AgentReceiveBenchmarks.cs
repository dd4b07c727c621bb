using System.Text;
using BenchmarkDotNet.Attributes;
using Telepath.Media.Agents;
using Telepath.Media.Edge;

namespace Telepath.Benchmarks;

/// <summary>
/// Agent audio, one message carrying 20 ms: parse the provider's JSON, base64-decode into a pooled buffer,
/// transcode if needed, publish the event; then what the bridge does (take the event, return the buffer, report
/// the bytes played). Goal: 0 B per message.
/// </summary>
[MemoryDiagnoser]
public class AgentReceiveBenchmarks
{
    private AgentConnectionBase _connection = null!;
    private byte[] _message = [];

    /// <summary>Gets or sets the adapter under test.</summary>
    [Params(AgentProvider.OpenAi, AgentProvider.ElevenLabs, AgentProvider.Custom)]
    public AgentProvider Provider { get; set; }

    /// <summary>Gets or sets a value indicating whether the trunk is A-law.</summary>
    [Params(false, true)]
    public bool ALawTrunk { get; set; }

    /// <summary>Builds the adapter and one realistic audio message of its dialect.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _connection = AgentBenchmarkConnections.Create(Provider, ALawTrunk);
        string payload = Convert.ToBase64String(AgentBenchmarkConnections.Frame());
        string json = Provider switch
        {
            AgentProvider.OpenAi =>
                "{\"type\":\"response.output_audio.delta\",\"event_id\":\"event_B7x2\",\"response_id\":\"resp_C1q9\",\"item_id\":\"item_C1qA\",\"output_index\":0,\"content_index\":0,\"delta\":\"" + payload + "\"}",
            AgentProvider.ElevenLabs =>
                "{\"type\":\"audio\",\"audio_event\":{\"audio_base_64\":\"" + payload + "\",\"event_id\":7}}",
            _ =>
                "{\"event\":\"media\",\"streamSid\":\"MZ00000000000000000000000000000001\",\"media\":{\"payload\":\"" + payload + "\"}}",
        };
        _message = Encoding.UTF8.GetBytes(json);
    }

    /// <summary>One agent audio message through the receive path.</summary>
    [Benchmark]
    public int ReceiveMessage()
    {
        _connection.HandleReceived(_message, out _);
        _connection.Events.TryRead(out AgentEvent chunk);
        int length = chunk.Length;
        chunk.ReturnBuffer();
        _connection.MarkPlayed(length);
        return length;
    }
}
