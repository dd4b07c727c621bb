using Telepath.Media.Sip.Transport;
using Telepath.Media.Timing;

namespace Telepath.Media.Sip.Transactions;

/// <summary>
/// What every transaction of one SIP stack shares: the one core lock, the one timer wheel, the timer values and
/// the transport layer.
/// </summary>
/// <remarks>
/// The stack runs its transaction, dialog and UA state under <see cref="Gate"/> alone (one logical thread for
/// all SIP state, as pjsip issues #1121 and #2002 teach): transports call in without holding a lock, timer
/// callbacks take the gate themselves, sends never block, and nothing awaits or calls out to another layer while
/// holding it. The timer wheel's own lock is only ever taken inside the gate, never the other way round.
/// </remarks>
internal sealed class TransactionContext
{
    /// <summary>Creates the context.</summary>
    public TransactionContext(TimerWheel wheel, SipTimers timers, SipTransportLayer transport)
    {
        Wheel = wheel;
        Timers = timers;
        Transport = transport;
    }

    /// <summary>Gets the core lock.</summary>
    public Lock Gate { get; } = new();

    /// <summary>Gets the timer wheel.</summary>
    public TimerWheel Wheel { get; }

    /// <summary>Gets the timer values.</summary>
    public SipTimers Timers { get; }

    /// <summary>Gets the transport layer.</summary>
    public SipTransportLayer Transport { get; }
}
