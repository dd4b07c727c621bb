using Telepath.Media.Sip.Message;
using Telepath.Media.Sip.Parsing;
using Telepath.Media.Sip.Transport;
using Telepath.Media.Timing;

namespace Telepath.Media.Sip.Transactions;

/// <summary>
/// What the INVITE and non-INVITE server transactions share (RFC 3261 §17.2): the request, where responses go,
/// the last response sent (kept serialized for retransmission) and timer plumbing. All members are called
/// under <see cref="TransactionContext.Gate"/>.
/// </summary>
internal abstract class ServerTransaction
{
    private TimerHandle _retransmitTimer;
    private TimerHandle _timeoutTimer;

    private protected ServerTransaction(TransactionContext context, TransactionKey key, SipRequest request, SipSource source)
    {
        Context = context;
        Key = key;
        Request = request;
        Source = source;
        Destination = SipTransportLayer.ResponseDestination(request, source);
    }

    /// <summary>Gets the transaction key.</summary>
    public TransactionKey Key { get; }

    /// <summary>Gets the request that created the transaction.</summary>
    public SipRequest Request { get; }

    /// <summary>Gets where the request came from.</summary>
    public SipSource Source { get; }

    /// <summary>Gets where responses go (RFC 3261 §18.2.2).</summary>
    public SipSource Destination { get; }

    /// <summary>Gets the status code of the last response sent, or 0.</summary>
    public int LastStatusCode { get; private set; }

    /// <summary>Gets a value indicating whether the transaction has ended.</summary>
    public abstract bool IsTerminated { get; }

    /// <summary>Gets or sets the callback run once when the transaction ends (the table removes it).</summary>
    public Action<ServerTransaction>? Terminated { get; set; }

    /// <summary>Gets a value indicating whether the transport is unreliable, so this layer retransmits.</summary>
    protected bool IsUnreliable => Source.Peer.Protocol == SipTransportProtocol.Udp;

    /// <summary>Gets the shared context.</summary>
    protected TransactionContext Context { get; }

    /// <summary>Gets the last response sent, serialized.</summary>
    protected ReadOnlyMemory<byte> LastResponse { get; private set; }

    /// <summary>Sends a response from the TU and moves the state machine.</summary>
    /// <returns>The serialized response (for tracing), or empty if the state does not allow it.</returns>
    public abstract ReadOnlyMemory<byte> SendResponse(SipResponse response);

    /// <summary>A retransmission of the request arrived.</summary>
    public abstract void OnRetransmittedRequest();

    /// <summary>Serializes, remembers and sends a response.</summary>
    protected ReadOnlyMemory<byte> Transmit(SipResponse response)
    {
        LastStatusCode = response.StatusCode;
        LastResponse = SipWriter.ToBytes(response);
        Context.Transport.Send(Destination, LastResponse);
        return LastResponse;
    }

    /// <summary>Resends the last response, if any.</summary>
    protected void Retransmit()
    {
        if (!LastResponse.IsEmpty)
        {
            Context.Transport.Send(Destination, LastResponse);
        }
    }

    /// <summary>Schedules the retransmit timer (G or the 2xx timer), replacing any pending one.</summary>
    protected void ScheduleRetransmit(TimeSpan delay, Action<object?> callback)
    {
        Context.Wheel.Cancel(_retransmitTimer);
        _retransmitTimer = Context.Wheel.Schedule(delay, callback, this);
    }

    /// <summary>Schedules the timeout timer (H, I, J or L), replacing any pending one.</summary>
    protected void ScheduleTimeout(TimeSpan delay, Action<object?> callback)
    {
        Context.Wheel.Cancel(_timeoutTimer);
        _timeoutTimer = Context.Wheel.Schedule(delay, callback, this);
    }

    /// <summary>Cancels both timers.</summary>
    protected void CancelTimers()
    {
        Context.Wheel.Cancel(_retransmitTimer);
        Context.Wheel.Cancel(_timeoutTimer);
        _retransmitTimer = default;
        _timeoutTimer = default;
    }

    /// <summary>Cancels timers and tells the owner once.</summary>
    protected void RaiseTerminated()
    {
        CancelTimers();
        Action<ServerTransaction>? terminated = Terminated;
        Terminated = null;
        terminated?.Invoke(this);
    }
}
