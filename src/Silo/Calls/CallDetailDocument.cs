using Telepath.Grains.Abstractions.Calls;

namespace Telepath.Silo.Calls;

/// <summary>The <c>detail_json</c> column: what only <c>GET /v1/calls/{id}</c> shows.</summary>
/// <param name="Turns">The call's turns.</param>
/// <param name="SipTrace">Its bounded SIP trace.</param>
/// <param name="SipTraceTruncated">True when the trace was cut.</param>
/// <param name="SipCallId">The SIP Call-ID.</param>
/// <param name="SourceAddress">Where the INVITE came from.</param>
internal sealed record CallDetailDocument(
    IReadOnlyList<CallTurnData> Turns,
    IReadOnlyList<SipTraceData> SipTrace,
    bool SipTraceTruncated,
    string? SipCallId,
    string? SourceAddress);
