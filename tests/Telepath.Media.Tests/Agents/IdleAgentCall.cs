using Telepath.Media.Agents;
using Telepath.Media.Edge;
using Telepath.TestKit.Agents;

namespace Telepath.Media.Tests.Agents;

/// <summary>A custom-protocol connection to an agent that only listens, with the agent's side of it.</summary>
internal sealed class IdleAgentCall : IAsyncDisposable
{
    private readonly FakeAgentServer _server;

    private IdleAgentCall(FakeAgentServer server, IAgentConnection connection, FakeAgentSession session)
    {
        _server = server;
        Connection = connection;
        Session = session;
    }

    public IAgentConnection Connection { get; }

    public FakeAgentSession Session { get; }

    public static async Task<IdleAgentCall> StartAsync()
    {
        FakeAgentServer server = await FakeAgentServer.StartAsync(static session => session.Closed);
        try
        {
            IAgentConnection connection = await AgentTestHarness.ConnectAsync(
                AgentTestHarness.Connector(), AgentTestHarness.Settings(AgentProvider.Custom, server.WebSocketUri()), AgentTestHarness.Context());
            return new IdleAgentCall(server, connection, await server.NextSessionAsync(AgentTestHarness.Guard()));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        await _server.DisposeAsync();
    }
}
