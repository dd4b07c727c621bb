using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Telepath.Media.Agents.Custom;
using Telepath.Media.Agents.ElevenLabs;
using Telepath.Media.Agents.OpenAi;
using Telepath.Media.Edge;

namespace Telepath.Media.Agents;

/// <summary>The factory of agent connections: picks the adapter for the trunk's <see cref="AgentProvider"/>.</summary>
internal sealed class AgentConnector : IAgentConnector
{
    private readonly AgentOptions _options;
    private readonly OpenAiAgentOptions _openAi;
    private readonly ElevenLabsAgentOptions _elevenLabs;
    private readonly CustomAgentOptions _custom;
    private readonly EnergyVadOptions _vad;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly AgentDialer _dialer;
    private readonly ElevenLabsSignedUrlClient _signedUrls;

    /// <summary>Initializes a new instance of the <see cref="AgentConnector"/> class.</summary>
    /// <param name="httpClient">Used for the ElevenLabs signed-URL request; owned by the caller.</param>
    public AgentConnector(
        AgentOptions options,
        OpenAiAgentOptions openAi,
        ElevenLabsAgentOptions elevenLabs,
        CustomAgentOptions custom,
        EnergyVadOptions vad,
        HttpClient httpClient,
        TimeProvider timeProvider,
        ILogger<AgentConnector>? logger = null)
    {
        _options = options;
        _openAi = openAi;
        _elevenLabs = elevenLabs;
        _custom = custom;
        _vad = vad;
        _timeProvider = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _dialer = new AgentDialer(options, timeProvider, _logger);
        _signedUrls = new ElevenLabsSignedUrlClient(httpClient);
    }

    /// <summary>Gets or sets the engine's epoll media threads that agent connections read on (see <see cref="AgentDialer.MediaThreads"/>).</summary>
    internal Rtp.Engine.Epoll.EpollMediaThreads? MediaThreads
    {
        get => _dialer.MediaThreads;
        set => _dialer.MediaThreads = value;
    }

    /// <inheritdoc />
    public async ValueTask<AgentConnectResult> ConnectAsync(AgentSettings settings, AgentCallContext context, CancellationToken cancellationToken)
    {
        if (settings.WebSocketUrl.Scheme is not ("ws" or "wss"))
        {
            return AgentConnectResult.Failed(AgentConnectStatus.Misconfigured, "agent URL must be ws:// or wss://");
        }

        var headers = new List<KeyValuePair<string, string>>();
        Func<CancellationToken, ValueTask<Uri>> resolve;
        switch (settings.Provider)
        {
            case AgentProvider.OpenAi:
                if (string.IsNullOrEmpty(settings.ApiKey))
                {
                    return AgentConnectResult.Failed(AgentConnectStatus.Misconfigured, "OpenAI agent needs an API key");
                }

                // Research §1.2: GA needs only the bearer token; the beta header is gone.
                headers.Add(new("Authorization", "Bearer " + settings.ApiKey));
                Uri openAiUri = AgentUri.WithQuery(settings.WebSocketUrl, "model", settings.Model ?? _openAi.DefaultModel);
                resolve = _ => ValueTask.FromResult(openAiUri);
                break;
            case AgentProvider.ElevenLabs:
                if (string.IsNullOrEmpty(settings.ElevenLabsAgentId))
                {
                    return AgentConnectResult.Failed(AgentConnectStatus.Misconfigured, "ElevenLabs agent needs an agent id");
                }

                resolve = ElevenLabsResolver(settings);
                break;
            default:
                foreach (KeyValuePair<string, string> header in settings.CustomHeaders)
                {
                    headers.Add(header);
                }

                if (!string.IsNullOrEmpty(settings.ApiKey) && !settings.CustomHeaders.ContainsKey("Authorization"))
                {
                    headers.Add(new("Authorization", "Bearer " + settings.ApiKey));
                }

                resolve = _ => ValueTask.FromResult(settings.WebSocketUrl);
                break;
        }

        (WebSocket? socket, string? failure) = await _dialer.DialAsync(settings.Provider, resolve, headers, cancellationToken).ConfigureAwait(false);
        if (socket is null)
        {
            AgentLog.Unreachable(_logger, settings.Provider, context.CallId, failure ?? string.Empty);
            return AgentConnectResult.Failed(AgentConnectStatus.Unreachable, failure ?? "unreachable");
        }

        AgentConnectionBase connection = settings.Provider switch
        {
            AgentProvider.OpenAi => new OpenAiAgentConnection(socket, context, settings, _options, _openAi, _timeProvider, _logger),
            AgentProvider.ElevenLabs => new ElevenLabsAgentConnection(socket, context, settings, _options, _elevenLabs, _vad, _timeProvider, _logger),
            _ => new CustomAgentConnection(socket, context, _options, _custom, _vad, _timeProvider, _logger),
        };
        connection.Start();
        AgentLog.Connected(_logger, settings.Provider, context.CallId);
        return new AgentConnectResult(AgentConnectStatus.Connected, connection, null);
    }

    private Func<CancellationToken, ValueTask<Uri>> ElevenLabsResolver(AgentSettings settings)
    {
        string agentId = settings.ElevenLabsAgentId!;
        if (string.IsNullOrEmpty(settings.ApiKey))
        {
            // Research §2.1: public agents are dialled directly with the agent id.
            Uri direct = AgentUri.WithQuery(settings.WebSocketUrl, "agent_id", agentId);
            return _ => ValueTask.FromResult(direct);
        }

        // Research §2.1: private agents need a fresh signed URL per call, fetched with xi-api-key.
        string apiKey = settings.ApiKey;
        Uri endpoint = ElevenLabsSignedUrlClient.EndpointFor(settings.WebSocketUrl, agentId);
        return token => _signedUrls.GetSignedUrlAsync(endpoint, apiKey, token);
    }
}
