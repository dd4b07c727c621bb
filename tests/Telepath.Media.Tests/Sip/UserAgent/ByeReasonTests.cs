using Telepath.Media.Edge;
using Telepath.Media.Sip.UserAgent;

namespace Telepath.Media.Tests.Sip.UserAgent;

/// <summary>The RFC 3326 Reason header on our BYEs: a Q.850 cause and our disconnect reason.</summary>
public sealed class ByeReasonTests
{
    [Theory]
    [InlineData(DisconnectReasons.AgentHangup, 16)]
    [InlineData(DisconnectReasons.MediaTimeout, 102)]
    [InlineData(DisconnectReasons.NetworkError, 102)]
    [InlineData(DisconnectReasons.TrunkDeleted, 21)]
    [InlineData(DisconnectReasons.AgentError, 41)]
    [InlineData(DisconnectReasons.SystemShutdown, 41)]
    public void Maps_disconnect_reasons_to_Q850_causes(string reason, int cause)
    {
        Assert.Equal($"Q.850;cause={cause};text=\"{reason}\"", ByeReason.For(reason));
    }
}
