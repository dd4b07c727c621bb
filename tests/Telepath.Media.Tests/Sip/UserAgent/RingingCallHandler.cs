using Telepath.Media.Sip.UserAgent;

namespace Telepath.Media.Tests.Sip.UserAgent;

/// <summary>A handler that rings and never answers, collecting the signals it sees until the call ends.</summary>
internal sealed class RingingCallHandler : IIncomingCallHandler
{
    public IncomingCall? Call { get; private set; }

    public async Task<CallSummary> HandleAsync(IncomingCall call, CancellationToken cancellationToken)
    {
        Call = call;
        await call.RingAsync(cancellationToken);
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return CallSummary.Empty;
    }
}
