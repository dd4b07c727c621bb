using System.Collections.Concurrent;
using Telepath.Media.Sip.UserAgent;

namespace Telepath.Media.Tests.Sip.UserAgent;

/// <summary>Answers, then records every signal until the call ends.</summary>
internal sealed class SignalCollectingHandler : IIncomingCallHandler
{
    private readonly TaskCompletionSource<IncomingCall> _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<CallSignal> Signals { get; } = new();

    public Task<IncomingCall> Answered => _answered.Task;

    public async Task<CallSummary> HandleAsync(IncomingCall call, CancellationToken cancellationToken)
    {
        await call.AnswerAsync(cancellationToken);
        _answered.TrySetResult(call);
        await foreach (CallSignal signal in call.Signals.ReadAllAsync(CancellationToken.None))
        {
            Signals.Enqueue(signal);
        }

        return CallSummary.Empty;
    }

    public async Task<CallSignal> WaitForSignalAsync(Func<CallSignal, bool> match)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (true)
        {
            foreach (CallSignal signal in Signals)
            {
                if (match(signal))
                {
                    return signal;
                }
            }

            await Task.Delay(5, cts.Token);
        }
    }
}
