using Microsoft.Extensions.Options;
using Telepath.Samples.EchoAgent;

// A custom Telepath agent: point a trunk with provider "custom" at ws://<this host>:<port>/ and call it.
WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
builder.Services.Configure<EchoAgentOptions>(builder.Configuration.GetSection("EchoAgent"));
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:8765");
}

WebApplication app = builder.Build();
app.UseWebSockets();
app.Map("/", async (HttpContext context, IOptions<EchoAgentOptions> options, ILogger<EchoSession> logger) =>
{
    if (!context.WebSockets.IsWebSocketRequest)
    {
        return Results.Text("Telepath echo agent: connect with a WebSocket (Twilio Media Streams dialect).\n");
    }

    using System.Net.WebSockets.WebSocket socket = await context.WebSockets.AcceptWebSocketAsync();
    var session = new EchoSession(socket, options.Value, TimeProvider.System, logger);
    await session.RunAsync(context.RequestAborted);
    return Results.Empty;
});

await app.RunAsync();
