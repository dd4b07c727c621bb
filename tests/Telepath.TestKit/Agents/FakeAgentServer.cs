using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Telepath.TestKit.Agents;

/// <summary>
/// A scriptable fake AI provider on Kestrel (127.0.0.1, port 0). Each accepted WebSocket runs the test's
/// <c>script</c>; the production adapters connect to it unchanged over real loopback sockets. Speaks whatever the
/// script speaks: the OpenAI, ElevenLabs and Twilio-dialect helpers build the messages.
/// </summary>
public sealed class FakeAgentServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<FakeAgentSession> _sessions = Channel.CreateUnbounded<FakeAgentSession>();
    private int _upgradeAttempts;

    private FakeAgentServer(WebApplication app)
    {
        _app = app;
    }

    /// <summary>Gets the base address, e.g. <c>http://127.0.0.1:34567</c>.</summary>
    public Uri HttpBase { get; private set; } = null!;

    /// <summary>Gets or sets an HTTP status the server answers WebSocket upgrades with instead of accepting them.</summary>
    public int? RejectUpgradeWith { get; set; }

    /// <summary>Gets or sets the handler of the ElevenLabs signed-URL REST call; null answers 404.</summary>
    public Func<HttpContext, Task>? SignedUrlHandler { get; set; }

    /// <summary>Gets the number of WebSocket upgrade requests seen (accepted or rejected).</summary>
    public int UpgradeAttempts => Volatile.Read(ref _upgradeAttempts);

    /// <summary>Starts a server whose WebSocket sessions run <paramref name="script"/>.</summary>
    public static async Task<FakeAgentServer> StartAsync(Func<FakeAgentSession, Task> script)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        WebApplication app = builder.Build();
        var server = new FakeAgentServer(app);
        app.UseWebSockets();
        app.Run(context => server.HandleAsync(context, script));
        await app.StartAsync().ConfigureAwait(false);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.HttpBase = new Uri(address);
        return server;
    }

    /// <summary>Gets a <c>ws://</c> URI on this server.</summary>
    public Uri WebSocketUri(string pathAndQuery = "/") => new($"ws://{HttpBase.Authority}{pathAndQuery}");

    /// <summary>Waits for the next accepted session.</summary>
    public async Task<FakeAgentSession> NextSessionAsync(CancellationToken cancellationToken = default) =>
        await _sessions.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context, Func<FakeAgentSession, Task> script)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            if (SignedUrlHandler is not null && context.Request.Path.Value!.EndsWith("/get-signed-url", StringComparison.Ordinal))
            {
                await SignedUrlHandler(context).ConfigureAwait(false);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        Interlocked.Increment(ref _upgradeAttempts);
        if (RejectUpgradeWith is int status)
        {
            context.Response.StatusCode = status;
            return;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> header in context.Request.Headers)
        {
            headers[header.Key.ToLowerInvariant()] = header.Value.ToString();
        }

        using System.Net.WebSockets.WebSocket socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var session = new FakeAgentSession(socket, context.Request.Path.Value ?? "/", context.Request.QueryString.Value ?? string.Empty, headers);
        _sessions.Writer.TryWrite(session);
        Task pump = session.PumpAsync(CancellationToken.None);
        try
        {
            await script(session).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Kept for the test to inspect; the client going away mid-script is normal.
            session.ScriptError = ex;
        }

        await pump.ConfigureAwait(false);
    }
}
