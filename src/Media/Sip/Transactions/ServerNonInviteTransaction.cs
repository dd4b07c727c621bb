using Telepath.Media.Sip.Message;
using Telepath.Media.Sip.Transport;

namespace Telepath.Media.Sip.Transactions;

/// <summary>
/// The non-INVITE server transaction (RFC 3261 §17.2.2): Trying → Proceeding → Completed, absorbing request
/// retransmissions with the last response, then Timer J (64·T1 on UDP, 0 on TCP). Called under the gate.
/// </summary>
internal sealed class ServerNonInviteTransaction : ServerTransaction
{
    private static readonly Action<object?> s_onTimerJ = static s => ((ServerNonInviteTransaction)s!).OnTimerJ();

    private bool _completed;
    private bool _terminated;

    /// <summary>Creates the transaction in Trying.</summary>
    public ServerNonInviteTransaction(TransactionContext context, TransactionKey key, SipRequest request, SipSource source)
        : base(context, key, request, source)
    {
    }

    /// <summary>Gets a value indicating whether a final response was sent.</summary>
    public bool IsCompleted => _completed;

    /// <inheritdoc />
    public override bool IsTerminated => _terminated;

    /// <inheritdoc />
    public override ReadOnlyMemory<byte> SendResponse(SipResponse response)
    {
        if (_completed || _terminated)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        ReadOnlyMemory<byte> bytes = Transmit(response);
        if (!response.IsProvisional)
        {
            _completed = true;
            if (IsUnreliable)
            {
                ScheduleTimeout(Context.Timers.TransactionTimeout, s_onTimerJ);
            }
            else
            {
                Terminate();
            }
        }

        return bytes;
    }

    /// <inheritdoc />
    public override void OnRetransmittedRequest()
    {
        // RFC 3261 §17.2.2: in Trying a retransmission is discarded; afterwards the last response is resent.
        Retransmit();
    }

    /// <summary>Ends the transaction now.</summary>
    public void Terminate()
    {
        if (!_terminated)
        {
            _terminated = true;
            RaiseTerminated();
        }
    }

    private void OnTimerJ()
    {
        lock (Context.Gate)
        {
            Terminate();
        }
    }
}
