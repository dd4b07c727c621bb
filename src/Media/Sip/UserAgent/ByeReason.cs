using System.Globalization;
using Telepath.Media.Edge;

namespace Telepath.Media.Sip.UserAgent;

/// <summary>
/// The <see cref="Message.SipHeaderNames.Reason"/> header (RFC 3326) on the BYEs we send: a Q.850 cause a carrier's switch can map to its own release
/// codes, and our disconnect reason as the text, so their trace says why Telepath hung up.
/// </summary>
internal static class ByeReason
{
    /// <summary>The header value for <paramref name="disconnectReason"/>, e.g. <c>Q.850;cause=16;text="agent_hangup"</c>.</summary>
    public static string For(string disconnectReason)
    {
        // Q.850 (ITU-T) causes: 16 normal clearing, 41 temporary failure, 102 recovery on timer expiry,
        // 21 call rejected. Abnormal ends say "temporary" so carriers do not blacklist the route.
        int cause = disconnectReason switch
        {
            DisconnectReasons.AgentHangup or DisconnectReasons.CallerHangup => 16,
            DisconnectReasons.MediaTimeout or DisconnectReasons.NetworkError => 102,
            DisconnectReasons.TrunkDeleted or DisconnectReasons.TrunkInactive => 21,
            _ => 41,
        };
        return string.Create(CultureInfo.InvariantCulture, $"Q.850;cause={cause};text=\"{disconnectReason}\"");
    }
}
