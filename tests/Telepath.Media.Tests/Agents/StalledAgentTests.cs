using Telepath.Media.Agents;
using Telepath.Media.Edge;

namespace Telepath.Media.Tests.Agents;

/// <summary>
/// Caller audio is written to the agent's socket on the thread that hands it over, so an agent that stops reading
/// must never stall that thread (in service, an RTP receive thread): TCP pushes back, the pending write goes on in
/// the background, later frames wait in the bounded queue and then are dropped and counted, and the call still closes.
/// </summary>
public sealed class StalledAgentTests
{
    [Fact]
    public async Task Frames_for_an_agent_that_stopped_reading_are_dropped_and_counted_without_blocking_the_sender()
    {
        await using DeafAgentServer server = DeafAgentServer.Start();
        IAgentConnection connection = await AgentTestHarness.ConnectAsync(
            AgentTestHarness.Connector(), AgentTestHarness.Settings(AgentProvider.Custom, server.WebSocketUri), AgentTestHarness.Context());
        byte[] frame = AgentTestHarness.Pattern(160, 7);

        // About 12 MB of media messages: far more than the two sockets' buffers hold.
        const int Frames = 40_000;
        int accepted = await Task.Run(() =>
        {
            int count = 0;
            for (int i = 0; i < Frames; i++)
            {
                count += connection.SendAudio(frame, 0) ? 1 : 0;
            }

            return count;
        }).WaitAsync(AgentTestHarness.HangGuard);

        var agent = (AgentConnectionBase)connection;
        Assert.InRange(accepted, 1, Frames - 1);
        Assert.Equal(Frames - accepted, agent.DroppedFrameCount);

        // Closing gives up on the write the agent never takes (CloseTimeout) and aborts the socket.
        await connection.DisposeAsync().AsTask().WaitAsync(AgentTestHarness.HangGuard);
    }
}
