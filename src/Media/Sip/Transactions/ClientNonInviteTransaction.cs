using Telepath.Media.Sip.Message;
using Telepath.Media.Sip.Transport;
using Telepath.Media.Timing;

namespace Telepath.Media.Sip.Transactions;

/// <summary>
/// The non-INVITE client transaction (RFC 3261 §17.1.2), used for the BYE we send: Timer E retransmits from T1
/// doubling to T2 (only on UDP), Timer F gives up after 64·T1, Timer K (T4 on UDP, 0 on TCP) absorbs response
/// retransmissions. Called under the gate; <see cref="Completed"/> runs under it too.
/// </summary>
internal sealed class ClientNonInviteTransaction
{
    private static readonly Action<object?> s_onTimerE = static s => ((ClientNonInviteTransaction)s!).OnTimerE();
    private static readonly Action<object?> s_onTimerF = static s => ((ClientNonInviteTransaction)s!).OnTimerF();
    private static readonly Action<object?> s_onTimerK = static s => ((ClientNonInviteTransaction)s!).OnTimerK();

    private readonly TransactionContext _context;
    private readonly ReadOnlyMemory<byte> _request;
    private TimerHandle _timerE;
    private TimerHandle _timerF;
    private TimeSpan _interval;

    /// <summary>Creates the transaction for a serialized request.</summary>
    public ClientNonInviteTransaction(TransactionContext context, TransactionKey key, ReadOnlyMemory<byte> request, SipSource destination)
    {
        _context = context;
        Key = key;
        _request = request;
        Destination = destination;
    }

    /// <summary>Gets the key.</summary>
    public TransactionKey Key { get; }

    /// <summary>Gets where the request goes.</summary>
    public SipSource Destination { get; }

    /// <summary>Gets the state.</summary>
    public ClientNonInviteState State { get; private set; } = ClientNonInviteState.Trying;

    /// <summary>Gets or sets the callback for the final response, or null on Timer F timeout. Runs once.</summary>
    public Action<ClientNonInviteTransaction, SipResponse?>? Completed { get; set; }

    /// <summary>Gets or sets the callback run when the transaction ends.</summary>
    public Action<ClientNonInviteTransaction>? Terminated { get; set; }

    private bool IsUnreliable => Destination.Peer.Protocol == SipTransportProtocol.Udp;

    /// <summary>Sends the request and starts Timers E and F.</summary>
    public void Start()
    {
        _context.Transport.Send(Destination, _request);
        _interval = _context.Timers.T1;
        if (IsUnreliable)
        {
            _timerE = _context.Wheel.Schedule(_interval, s_onTimerE, this);
        }

        _timerF = _context.Wheel.Schedule(_context.Timers.TransactionTimeout, s_onTimerF, this);
    }

    /// <summary>A response matched this transaction.</summary>
    public void OnResponse(SipResponse response)
    {
        if (State is ClientNonInviteState.Completed or ClientNonInviteState.Terminated)
        {
            return;
        }

        if (response.IsProvisional)
        {
            State = ClientNonInviteState.Proceeding;
            return;
        }

        State = ClientNonInviteState.Completed;
        _context.Wheel.Cancel(_timerE);
        _context.Wheel.Cancel(_timerF);
        RaiseCompleted(response);
        if (IsUnreliable)
        {
            _timerE = _context.Wheel.Schedule(_context.Timers.T4, s_onTimerK, this);
        }
        else
        {
            Terminate();
        }
    }

    /// <summary>Ends the transaction now.</summary>
    public void Terminate()
    {
        if (State == ClientNonInviteState.Terminated)
        {
            return;
        }

        State = ClientNonInviteState.Terminated;
        _context.Wheel.Cancel(_timerE);
        _context.Wheel.Cancel(_timerF);
        Action<ClientNonInviteTransaction>? terminated = Terminated;
        Terminated = null;
        terminated?.Invoke(this);
    }

    private void RaiseCompleted(SipResponse? response)
    {
        Action<ClientNonInviteTransaction, SipResponse?>? completed = Completed;
        Completed = null;
        completed?.Invoke(this, response);
    }

    private void OnTimerE()
    {
        lock (_context.Gate)
        {
            if (State is not (ClientNonInviteState.Trying or ClientNonInviteState.Proceeding))
            {
                return;
            }

            // RFC 3261 §17.1.2.2: the interval doubles up to T2 in Trying and stays at T2 in Proceeding.
            _context.Transport.Send(Destination, _request);
            _interval = State == ClientNonInviteState.Proceeding ? _context.Timers.T2 : _context.Timers.Backoff(_interval);
            _timerE = _context.Wheel.Schedule(_interval, s_onTimerE, this);
        }
    }

    private void OnTimerF()
    {
        lock (_context.Gate)
        {
            if (State is ClientNonInviteState.Trying or ClientNonInviteState.Proceeding)
            {
                RaiseCompleted(null);
                Terminate();
            }
        }
    }

    private void OnTimerK()
    {
        lock (_context.Gate)
        {
            Terminate();
        }
    }
}
