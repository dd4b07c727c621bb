using Telepath.Media.Sip.Message;
using Telepath.Media.Sip.Transport;

namespace Telepath.Media.Sip.Transactions;

/// <summary>
/// The INVITE server transaction (RFC 3261 §17.2.1 with the RFC 6026 Accepted state). It also retransmits the
/// 2xx until the ACK, which RFC 3261 §13.3.1.4 gives to the UAS core: the core has nothing else to add, and one
/// timer owner is simpler. Called under <see cref="TransactionContext.Gate"/>.
/// </summary>
internal sealed class ServerInviteTransaction : ServerTransaction
{
    private static readonly Action<object?> s_onRetransmitTimer = static s => ((ServerInviteTransaction)s!).OnRetransmitTimer();
    private static readonly Action<object?> s_onTimeoutTimer = static s => ((ServerInviteTransaction)s!).OnTimeoutTimer();

    private TimeSpan _interval;

    /// <summary>Creates the transaction in Proceeding.</summary>
    public ServerInviteTransaction(TransactionContext context, TransactionKey key, SipRequest request, SipSource source)
        : base(context, key, request, source)
    {
    }

    /// <summary>Gets the state.</summary>
    public ServerInviteState State { get; private set; } = ServerInviteState.Proceeding;

    /// <inheritdoc />
    public override bool IsTerminated => State == ServerInviteState.Terminated;

    /// <summary>Gets or sets the TU callback for a 2xx that was never acknowledged (64·T1 passed).</summary>
    public Action<ServerInviteTransaction>? AckTimedOut { get; set; }

    /// <inheritdoc />
    public override ReadOnlyMemory<byte> SendResponse(SipResponse response)
    {
        if (State != ServerInviteState.Proceeding)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        ReadOnlyMemory<byte> bytes = Transmit(response);
        if (response.IsProvisional)
        {
            return bytes;
        }

        TimeSpan timeout = Context.Timers.TransactionTimeout;
        _interval = Context.Timers.T1;
        State = response.IsSuccess ? ServerInviteState.Accepted : ServerInviteState.Completed;

        // RFC 3261 §17.2.1 Timer G (non-2xx) and §13.3.1.4 (2xx): retransmit only on unreliable transports; both
        // give up after 64·T1 (Timer H / Timer L, RFC 6026 §8.4).
        if (IsUnreliable)
        {
            ScheduleRetransmit(_interval, s_onRetransmitTimer);
        }

        ScheduleTimeout(timeout, s_onTimeoutTimer);
        return bytes;
    }

    /// <inheritdoc />
    public override void OnRetransmittedRequest()
    {
        // RFC 3261 §17.2.1: resend the last provisional or final response; RFC 6026 §7.1: absorb in Accepted.
        if (State is ServerInviteState.Proceeding or ServerInviteState.Completed)
        {
            Retransmit();
        }
    }

    /// <summary>
    /// An ACK matched: for a non-2xx it moves Completed to Confirmed (Timer I = T4 on UDP, 0 on TCP); for a 2xx
    /// (matched by the dialog) it stops the retransmissions and ends the transaction.
    /// </summary>
    public void OnAck()
    {
        if (State == ServerInviteState.Completed)
        {
            State = ServerInviteState.Confirmed;
            CancelTimers();
            if (IsUnreliable)
            {
                ScheduleTimeout(Context.Timers.T4, s_onTimeoutTimer);
            }
            else
            {
                Terminate();
            }
        }
        else if (State == ServerInviteState.Accepted)
        {
            Terminate();
        }
    }

    /// <summary>Ends the transaction now (shutdown or the TU gave up).</summary>
    public void Terminate()
    {
        if (State != ServerInviteState.Terminated)
        {
            State = ServerInviteState.Terminated;
            RaiseTerminated();
        }
    }

    private void OnRetransmitTimer()
    {
        lock (Context.Gate)
        {
            if (State is ServerInviteState.Completed or ServerInviteState.Accepted)
            {
                Retransmit();
                _interval = Context.Timers.Backoff(_interval);
                ScheduleRetransmit(_interval, s_onRetransmitTimer);
            }
        }
    }

    private void OnTimeoutTimer()
    {
        Action<ServerInviteTransaction>? ackTimedOut = null;
        lock (Context.Gate)
        {
            if (State == ServerInviteState.Accepted)
            {
                ackTimedOut = AckTimedOut;
            }

            AckTimedOut = null;
            Terminate();
            ackTimedOut?.Invoke(this);
        }
    }
}
