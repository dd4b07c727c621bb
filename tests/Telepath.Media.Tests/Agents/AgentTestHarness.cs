using System.Threading.Channels;
using Telepath.Media.Agents;
using Telepath.Media.Agents.Custom;
using Telepath.Media.Agents.ElevenLabs;
using Telepath.Media.Agents.OpenAi;
using Telepath.Media.Edge;

namespace Telepath.Media.Tests.Agents;

/// <summary>Builds connectors, settings and call contexts for the adapter tests, and reads events with a hang guard.</summary>
internal static class AgentTestHarness
{
    /// <summary>Guards against hangs only; no test asserts on timing.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Short retry delays; the handshake timeout stays generous because a timed-out attempt that the fake server did
    /// accept would leave the test holding an abandoned session (the retry opens a second one).
    /// </summary>
    public static AgentOptions FastOptions() => new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(5),
        ConnectRetries = 2,
        ConnectRetryDelay = TimeSpan.FromMilliseconds(20),
        CloseTimeout = TimeSpan.FromSeconds(2),
    };

    public static AgentConnector Connector(AgentOptions? options = null, OpenAiAgentOptions? openAi = null, ElevenLabsAgentOptions? elevenLabs = null, HttpClient? http = null) =>
        new(options ?? FastOptions(), openAi ?? new OpenAiAgentOptions(), elevenLabs ?? new ElevenLabsAgentOptions(), new CustomAgentOptions(), new EnergyVadOptions(), http ?? new HttpClient(), TimeProvider.System);

    public static AgentSettings Settings(AgentProvider provider, Uri url, string? apiKey = null, string? prompt = null, string? model = null, string? voice = null, string? agentId = null, IReadOnlyDictionary<string, string>? headers = null) =>
        new("trunk-1", provider, url, apiKey, prompt, model, voice, agentId, headers ?? new Dictionary<string, string>());

    public static AgentCallContext Context(AgentAudioFormat codec = AgentAudioFormat.MuLaw8000, IReadOnlyDictionary<string, string>? parameters = null) =>
        new("call-42", "+15550001111", "+15550002222", "trunk-1", codec, parameters ?? new Dictionary<string, string>());

    public static async Task<IAgentConnection> ConnectAsync(AgentConnector connector, AgentSettings settings, AgentCallContext context)
    {
        AgentConnectResult result = await connector.ConnectAsync(settings, context, CancellationToken.None);
        Assert.Equal(AgentConnectStatus.Connected, result.Status);
        return result.Connection!;
    }

    /// <summary>Reads events until one of <paramref name="kind"/> arrives; audio buffers of skipped events go back to the pool.</summary>
    public static async Task<AgentEvent> NextAsync(this ChannelReader<AgentEvent> events, AgentEventKind kind)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        while (true)
        {
            AgentEvent next = await events.ReadAsync(guard.Token);
            if (next.Kind == kind)
            {
                return next;
            }

            next.ReturnBuffer();
        }
    }

    /// <summary>Collects exactly <paramref name="byteCount"/> bytes of agent audio, skipping other events.</summary>
    public static async Task<byte[]> ReadAudioAsync(this ChannelReader<AgentEvent> events, int byteCount)
    {
        var audio = new List<byte>(byteCount);
        while (audio.Count < byteCount)
        {
            AgentEvent chunk = await events.NextAsync(AgentEventKind.AudioChunk);
            audio.AddRange(chunk.Audio.ToArray());
            chunk.ReturnBuffer();
        }

        return [.. audio];
    }

    /// <summary>Drains the stream to its end and returns the kinds seen, returning audio buffers.</summary>
    public static async Task<List<AgentEventKind>> DrainAsync(this ChannelReader<AgentEvent> events)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        var kinds = new List<AgentEventKind>();
        await foreach (AgentEvent next in events.ReadAllAsync(guard.Token))
        {
            kinds.Add(next.Kind);
            next.ReturnBuffer();
        }

        return kinds;
    }

    /// <summary>Bytes 0..n-1 repeated: recognisable, and every value survives μ-law passthrough.</summary>
    public static byte[] Pattern(int length, int seed = 0)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)((i * 7) + seed);
        }

        return bytes;
    }

    public static CancellationToken Guard() => new CancellationTokenSource(HangGuard).Token;
}
