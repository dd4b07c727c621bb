using System.Net;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Telepath.Media.Edge;
using Telepath.Media.Rtp.Engine.Epoll;

namespace Telepath.Media.Agents;

/// <summary>
/// Opens agent WebSockets: a per-attempt handshake timeout and a short Polly retry budget for transient failures
/// (refused, reset, DNS, timeout). HTTP 4xx answers are not retried.
/// </summary>
internal sealed class AgentDialer
{
    private readonly AgentOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _pipeline;

    /// <summary>Initializes a new instance of the <see cref="AgentDialer"/> class.</summary>
    public AgentDialer(AgentOptions options, TimeProvider timeProvider, ILogger logger)
    {
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        if (options.ConnectRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.ConnectRetries,
                Delay = options.ConnectRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                ShouldHandle = new PredicateBuilder()
                    .Handle<WebSocketException>()
                    .Handle<HttpRequestException>(static ex => ex.StatusCode is null or >= HttpStatusCode.InternalServerError)
                    .Handle<TimeoutException>(),
            });
        }

        _pipeline = builder.Build();
    }

    /// <summary>
    /// Gets or sets the engine's epoll media threads. When set (Linux, <c>Telepath:Rtp:EpollReceive</c>), agent
    /// connections are <see cref="EpollSocketStream"/>s whose reads complete on one of those threads, so agent audio
    /// reaches the caller's RTP socket without a thread-pool hand-off.
    /// </summary>
    public EpollMediaThreads? MediaThreads { get; set; }

    /// <summary>Dials the agent; <paramref name="resolveUri"/> runs on every attempt (ElevenLabs fetches a fresh signed URL).</summary>
    /// <returns>The open socket, or null with a secret-free <paramref name="failure"/> description via the tuple.</returns>
    public async ValueTask<(WebSocket? Socket, string? Failure)> DialAsync(
        AgentProvider provider,
        Func<CancellationToken, ValueTask<Uri>> resolveUri,
        IReadOnlyList<KeyValuePair<string, string>> headers,
        CancellationToken cancellationToken)
    {
        try
        {
            WebSocket socket = await _pipeline.ExecuteAsync(
                async token => await AttemptAsync(provider, resolveUri, headers, token).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
            return (socket, null);
        }
        catch (Exception ex) when (ex is WebSocketException or HttpRequestException or TimeoutException or AgentHandshakeRejectedException)
        {
            return (null, ex.Message);
        }
    }

    private async ValueTask<WebSocket> AttemptAsync(
        AgentProvider provider,
        Func<CancellationToken, ValueTask<Uri>> resolveUri,
        IReadOnlyList<KeyValuePair<string, string>> headers,
        CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);

        // A handler per attempt, disposed with it. The HTTP pool keeps finishing a TCP connection whose request was
        // cancelled (a CANCEL during the handshake) and parks it idle for a minute, a half-open connection the agent
        // sees as a caller that never speaks; disposing the handler closes it. An upgraded WebSocket has left the pool
        // and is not touched, which is how ClientWebSocket treats the handler it makes for itself.
        var connection = new StrongBox<EpollSocketStream?>();
        using var invoker = CreateInvoker(connection);
        var socket = new ClientWebSocket();
        try
        {
            socket.Options.CollectHttpResponseDetails = true;
            foreach (KeyValuePair<string, string> header in headers)
            {
                socket.Options.SetRequestHeader(header.Key, header.Value);
            }

            Uri uri = await resolveUri(linked.Token).ConfigureAwait(false);

            // The token given to ConnectAsync stays bound to the established connection (cancelling it later aborts
            // the live socket), so the handshake gets none: the timeout races it and aborts the socket instead.
            Task connect = socket.ConnectAsync(uri, invoker, CancellationToken.None);
            try
            {
                await connect.WaitAsync(linked.Token).ConfigureAwait(false);
                if (connection.Value is { } stream)
                {
                    // The handshake is done: from here on a message's read completes on the media thread.
                    stream.CompleteReadsInline = true;
                }
            }
            catch (OperationCanceledException)
            {
                socket.Abort();
                await connect.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                throw;
            }

            return socket;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            AgentLog.ConnectAttemptFailed(_logger, provider, "handshake timed out");
            throw new TimeoutException($"handshake not completed within {_options.ConnectTimeout.TotalMilliseconds} ms");
        }
        catch (WebSocketException ex)
        {
            HttpStatusCode status = socket.HttpStatusCode;
            socket.Dispose();
            AgentLog.ConnectAttemptFailed(_logger, provider, ex.Message);
            if (status is >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError)
            {
                throw new AgentHandshakeRejectedException($"handshake rejected with HTTP {(int)status}");
            }

            throw;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The HTTP handler of one handshake: our TCP connect timeout and no-delay sockets, no proxy, cookies or redirects.</summary>
    private HttpMessageInvoker CreateInvoker(StrongBox<EpollSocketStream?> connection)
    {
        EpollMediaThread? loop = MediaThreads?.Next();
        return new(new SocketsHttpHandler
        {
            ConnectTimeout = _options.ConnectTimeout,
            UseCookies = false,
            UseProxy = false,
            AllowAutoRedirect = false,
            ConnectCallback = loop is null
                ? ConnectNoDelayAsync
                : async (context, cancellationToken) =>
                    connection.Value = await EpollSocketStream.ConnectAsync(loop, context.DnsEndPoint, cancellationToken).ConfigureAwait(false),
        });
    }

    /// <summary>Opens the TCP connection with Nagle off: 20 ms audio frames must not wait for ACKs (research §4).</summary>
    private static async ValueTask<Stream> ConnectNoDelayAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
            return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
