using Telepath.Media.Sip.Message;

namespace Telepath.Media.Sip.Transport;

/// <summary>
/// The layer above the transport (transactions and the UA core) as the transport layer sees it: parsed,
/// Via-stamped, validated messages. Called on a transport's receive loop; must not block.
/// </summary>
internal interface ISipMessageSink
{
    /// <summary>A valid request arrived.</summary>
    void OnRequest(SipRequest request, SipSource source);

    /// <summary>A response arrived.</summary>
    void OnResponse(SipResponse response, SipSource source);
}
