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

    /// <summary>Starts ticking <paramref name="wheel"/> every <paramref name="period"/>.</summary>
    public TimerWheelDriver(TimerWheel wheel, TimeSpan period, TimeProvider timeProvider)
    {
        _wheel = wheel;
        _timer = new PeriodicTimer(period, timeProvider);
        _loop = RunAsync(_stopping.Token);
    }

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
            _wheel.Advance();
        }
    }
}
