using Telepath.Media.Sip.UserAgent;

namespace Telepath.Media.Tests.Sip.UserAgent;

/// <summary>A handler that rings, answers at once, and holds the call until it ends.</summary>
internal sealed class RingThenAnswerHandler : IIncomingCallHandler
{
    private readonly TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Answered => _answered.Task;

    public async Task<CallSummary> HandleAsync(IncomingCall call, CancellationToken cancellationToken)
    {
        await call.RingAsync(cancellationToken);
        await call.AnswerAsync(cancellationToken);
        _answered.TrySetResult();
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return CallSummary.Empty;
    }
}
