using System.Net;
using System.Threading.Channels;
using Telepath.Media.Edge;
using Telepath.Media.Rtp;
using Telepath.Media.Sdp;
using Telepath.Media.Sip.Dialogs;
using Telepath.Media.Sip.Message;
using Telepath.Media.Sip.Transactions;

namespace Telepath.Media.Sip.UserAgent;

/// <summary>
/// One inbound call as its handler sees it: who called whom on which trunk, the negotiated audio, the signals
/// of the dialog, and the answer / reject / hang-up commands. The UAS owns the state; every command takes the
/// stack's gate briefly and never blocks.
/// </summary>
internal sealed class IncomingCall
{
    private readonly SipUserAgentServer _owner;
    private readonly Channel<CallSignal> _signals = Channel.CreateUnbounded<CallSignal>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _ended = new();
    private readonly TaskCompletionSource _termination = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates a call for a new INVITE transaction.</summary>
    public IncomingCall(SipUserAgentServer owner, ServerInviteTransaction invite, long receivedTimestamp)
    {
        _owner = owner;
        InviteTransaction = invite;
        ReceivedTimestamp = receivedTimestamp;
        LocalTag = SipIdentifiers.NewTag();
    }

    /// <summary>Gets the UAS that owns the call (timer callbacks find their way back through it).</summary>
    internal SipUserAgentServer Owner => _owner;

    /// <summary>Gets the Telepath call id (from <see cref="ICallEvents.CallStartedAsync"/>), or null before.</summary>
    public string? CallId { get; internal set; }

    /// <summary>Gets the SIP Call-ID.</summary>
    public string SipCallId => InviteTransaction.Request.CallId!;

    /// <summary>Gets the trunk, once identified.</summary>
    public TrunkIdentity? Trunk { get; internal set; }

    /// <summary>Gets the caller (From user or URI).</summary>
    public string From { get; internal set; } = string.Empty;

    /// <summary>Gets the called number.</summary>
    public string To { get; internal set; } = string.Empty;

    /// <summary>Gets the source address of the INVITE.</summary>
    public IPEndPoint Source => InviteTransaction.Source.Peer.EndPoint;

    /// <summary>
    /// Gets the negotiated audio in force (changes on re-INVITE). For an INVITE without SDP it is provisional (our first
    /// codec, remote <c>0.0.0.0:0</c>) until the ACK's answer arrives as a <see cref="MediaUpdatedSignal"/>.
    /// </summary>
    public NegotiatedAudio? Audio { get; internal set; }

    /// <summary>Gets our SDP in force: the answer to the peer's offer, or our last offer.</summary>
    public SessionDescription? LocalDescription { get; internal set; }

    /// <summary>Gets the leased RTP/RTCP ports.</summary>
    public RtpPortPair? RtpPorts { get; internal set; }

    /// <summary>Gets the address in our SDP.</summary>
    public IPAddress? MediaAddress { get; internal set; }

    /// <summary>Gets the dialog signals: media updates, DTMF, and finally termination.</summary>
    public ChannelReader<CallSignal> Signals => _signals.Reader;

    /// <summary>Gets the state.</summary>
    public IncomingCallState State { get; internal set; } = IncomingCallState.Admitting;

    /// <summary>Gets a token cancelled when the call ends.</summary>
    public CancellationToken EndedToken => _ended.Token;

    /// <summary>Gets the time the dialog ended with and why (valid once ended).</summary>
    public (CallOutcome Outcome, string Reason) Termination { get; private set; }

    /// <summary>Gets the INVITE transaction that created the call.</summary>
    internal ServerInviteTransaction InviteTransaction { get; }

    /// <summary>Gets the latest INVITE transaction awaiting its 2xx ACK (initial or re-INVITE).</summary>
    internal ServerInviteTransaction? AwaitingAck { get; set; }

    /// <summary>Gets or sets our offer awaiting its answer in an ACK (delayed offer), or null.</summary>
    internal OutstandingOffer? PendingOffer { get; set; }

    /// <summary>
    /// Gets or sets the answered event held back until the ACK brings the answer to an offer in the 200: only then is
    /// the codec known (RFC 3264 §7).
    /// </summary>
    internal CallAnsweredEvent? DeferredAnswered { get; set; }

    /// <summary>Gets our To-tag.</summary>
    internal string LocalTag { get; }

    /// <summary>Gets the dialog once answered.</summary>
    internal Dialog? Dialog { get; set; }

    /// <summary>Gets the timestamp (TimeProvider) the INVITE arrived.</summary>
    internal long ReceivedTimestamp { get; }

    /// <summary>Gets or sets the setup time, once answered.</summary>
    internal double? SetupMs { get; set; }

    /// <summary>Gets or sets the session timer the last 2xx established (RFC 4028), or none.</summary>
    internal SessionTimerDecision SessionTimer { get; set; }

    /// <summary>Gets or sets the pending session-timer event: our refresh, or the expiry check.</summary>
    internal Timing.TimerHandle SessionTimerHandle { get; set; }

    /// <summary>Gets or sets when (TimeProvider timestamp) the session was last refreshed, by either side.</summary>
    internal long SessionRefreshedTimestamp { get; set; }

    /// <summary>Gets or sets a value indicating whether the caller requires reliable provisional responses (RFC 3262).</summary>
    internal bool RequiresReliableProvisional { get; set; }

    /// <summary>Gets or sets our last reliable provisional response, kept after its PRACK so a late PRACK still matches.</summary>
    internal ReliableProvisional? ReliableProvisional { get; set; }

    /// <summary>Gets the SIP trace buffer.</summary>
    internal SipTraceBuffer Trace { get; } = new();

    /// <summary>Gets a task completing when the dialog has ended.</summary>
    internal Task Terminated => _termination.Task;

    /// <summary>Moves the call to another RTP port pair before it is answered (the leased one cannot be bound).</summary>
    public bool TryMoveMedia(out RtpPortPair ports) => _owner.TryMoveMedia(this, out ports);

    /// <summary>Sends 180 Ringing (before answering).</summary>
    public ValueTask RingAsync(CancellationToken cancellationToken)
    {
        _owner.Ring(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>Sends 200 OK with the SDP answer. False when the call ended first (CANCEL, drain).</summary>
    public ValueTask<bool> AnswerAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_owner.Answer(this));

    /// <summary>Refuses the call with a final status (e.g. 486, 480, 503) before it was answered.</summary>
    public ValueTask RejectAsync(int statusCode, string reason, CancellationToken cancellationToken)
    {
        _owner.Reject(this, statusCode, reason);
        return ValueTask.CompletedTask;
    }

    /// <summary>Ends the call from our side: BYE when answered, else a final error response.</summary>
    public ValueTask HangUpAsync(string reason, CancellationToken cancellationToken)
    {
        _owner.HangUp(this, reason);
        return ValueTask.CompletedTask;
    }

    /// <summary>Queues a signal for the handler (under the gate).</summary>
    internal void Post(CallSignal signal) => _signals.Writer.TryWrite(signal);

    /// <summary>Marks the call over (under the gate); the token is cancelled off the gate.</summary>
    internal void Complete(CallOutcome outcome, string reason)
    {
        State = IncomingCallState.Ended;
        Termination = (outcome, reason);
        _signals.Writer.TryWrite(new CallTerminatedSignal(outcome, reason));
        _signals.Writer.TryComplete();
        _termination.TrySetResult();

        // Cancelling runs registrations inline; never do that while holding the stack's gate.
        ThreadPool.UnsafeQueueUserWorkItem(static s => ((CancellationTokenSource)s!).Cancel(), _ended, preferLocal: false);
    }
}
