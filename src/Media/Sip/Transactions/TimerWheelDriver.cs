using Telepath.Media.Timing;

namespace Telepath.Media.Sip.Transactions;

/// <summary>
/// The one loop that drives the SIP timer wheel: a <see cref="PeriodicTimer"/> on the injected
/// <see cref="TimeProvider"/> ticking every few milliseconds, never a <c>Task.Delay</c> per transaction.
/// </summary>
internal sealed class TimerWheelDriver : IAsyncDisposable
{
    private readonly TimerWheel _wheel;
    private readonly PeriodicTimer _timer;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private long _callbackFailures;

    /// <summary>Starts ticking <paramref name="wheel"/> every <paramref name="period"/>.</summary>
    public TimerWheelDriver(TimerWheel wheel, TimeSpan period, TimeProvider timeProvider)
    {
        _wheel = wheel;
        _timer = new PeriodicTimer(period, timeProvider);
        _loop = RunAsync(_stopping.Token);
    }

    /// <summary>Gets the number of timer callbacks that threw (each one a bug).</summary>
    public long CallbackFailures => Interlocked.Read(ref _callbackFailures);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _timer.Dispose();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected on shutdown.
        }

        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (await _timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                _wheel.Advance();
            }
#pragma warning disable CA1031 // A failing timer callback is a bug, but it must not stop every other SIP timer.
            catch (Exception)
#pragma warning restore CA1031
            {
                Interlocked.Increment(ref _callbackFailures);
            }
        }
    }
}
