using System.Buffers;
using BenchmarkDotNet.Attributes;
using Telepath.Media.Agents;
using Telepath.Media.Edge;

namespace Telepath.Benchmarks;

/// <summary>
/// Caller audio, one 20 ms frame: <c>SendAudio</c> (transcode if needed, energy VAD where used, JSON + base64 into
/// the reused writer, copy into a pooled buffer, queue) plus taking it off the queue and returning the buffer, as the
/// send pump does. Goal: 0 B per frame.
/// </summary>
[MemoryDiagnoser]
public class AgentSendBenchmarks
{
    private readonly byte[] _frame = AgentBenchmarkConnections.Frame();
    private AgentConnectionBase _connection = null!;

    /// <summary>Gets or sets the adapter under test.</summary>
    [Params(AgentProvider.OpenAi, AgentProvider.ElevenLabs, AgentProvider.Custom)]
    public AgentProvider Provider { get; set; }

    /// <summary>Gets or sets a value indicating whether the trunk is A-law (OpenAI passes it through, the others transcode).</summary>
    [Params(false, true)]
    public bool ALawTrunk { get; set; }

    /// <summary>Builds the adapter.</summary>
    [GlobalSetup]
    public void Setup() => _connection = AgentBenchmarkConnections.Create(Provider, ALawTrunk);

    /// <summary>One caller frame through the send path.</summary>
    [Benchmark]
    public int SendFrame()
    {
        _connection.SendAudio(_frame, 0);
        _connection.TryTakeOutgoing(out OutgoingMessage message);
        ArrayPool<byte>.Shared.Return(message.Buffer);
        return message.Length;
    }
}
