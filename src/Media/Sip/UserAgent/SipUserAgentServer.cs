using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Telepath.Media.Edge;
using Telepath.Media.Hosting;
using Telepath.Media.Rtp;
using Telepath.Media.Sdp;
using Telepath.Media.Sip.Auth;
using Telepath.Media.Sip.Dialogs;
using Telepath.Media.Sip.Message;
using Telepath.Media.Sip.Parsing;
using Telepath.Media.Sip.Transactions;
using Telepath.Media.Sip.Transport;

namespace Telepath.Media.Sip.UserAgent;

/// <summary>
/// The UAS core (RFC 3261 §8.2, §12-§16): matches requests to transactions and dialogs, admits INVITEs
/// (trunk, source, digest, numbers, SDP), hands admitted calls to the <see cref="IIncomingCallHandler"/>, and
/// reports through <see cref="ICallEvents"/>. All state lives under the one gate of <see cref="TransactionContext"/>;
/// directory and event calls run outside it.
/// </summary>
internal sealed partial class SipUserAgentServer : ISipMessageSink
{
    /// <summary>The methods we handle (the Allow header).</summary>
    public const string AllowedMethods = "INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, UPDATE, PRACK";

    /// <summary>The bodies we understand (the Accept header).</summary>
    public const string AcceptedTypes = "application/sdp, application/dtmf-relay, application/dtmf, multipart/mixed";

    private const string RetryAfterHeader = "Retry-After";
    private const string WarningHeader = "Warning";
    private const int TemporarilyUnavailable = 480;

    private readonly SipOptions _options;
    private readonly TransactionContext _context;
    private readonly TransactionTable _table;
    private readonly ITrunkDirectory _directory;
    private readonly ICallEvents _events;
    private readonly IIncomingCallHandler _handler;
    private readonly DigestVerifier _verifier;
    private readonly NonceSource _nonces;
    private readonly CodecNegotiator _negotiator;
    private readonly PortAllocator _ports;
    private readonly SessionTimerNegotiator _sessionTimers;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly IPAddress _advertisedAddress;
    private readonly DigestChallengeKind _challengeKind;
    private readonly DigestAlgorithm[] _algorithms;
    private readonly Dictionary<TransactionKey, IncomingCall> _callsByInvite = [];
    private readonly Dictionary<DialogId, IncomingCall> _dialogs = [];
    private readonly Dictionary<RequestOrigin, IncomingCall> _callsByOrigin = [];
    private readonly HashSet<IncomingCall> _calls = [];
    private readonly Dictionary<string, int> _authFailures = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _draining;

    /// <summary>Creates the UAS core.</summary>
    public SipUserAgentServer(
        SipOptions options,
        IPAddress advertisedAddress,
        TransactionContext context,
        ITrunkDirectory directory,
        ICallEvents events,
        IIncomingCallHandler handler,
        NonceSource nonces,
        CodecNegotiator negotiator,
        PortAllocator ports,
        TimeProvider timeProvider,
        ILogger logger)
    {
        _options = options;
        _advertisedAddress = advertisedAddress;
        _context = context;
        _table = new TransactionTable(options.MaxTransactions, options.MaxTransactionsPerSource);
        _directory = directory;
        _events = events;
        _handler = handler;
        _nonces = nonces;
        _verifier = new DigestVerifier(nonces);
        _negotiator = negotiator;
        _ports = ports;
        _sessionTimers = new SessionTimerNegotiator(options);
        _timeProvider = timeProvider;
        _logger = logger;
        _algorithms = TryParseAlgorithms(options.DigestAlgorithms, out DigestAlgorithm[] algorithms) ? algorithms : [DigestAlgorithm.Md5];
        _challengeKind = options.ChallengeWith401 ? DigestChallengeKind.WwwAuthenticate : DigestChallengeKind.ProxyAuthenticate;
    }

    /// <summary>Gets the number of live calls (admitting, offered or answered).</summary>
    public int ActiveCalls
    {
        get
        {
            lock (_context.Gate)
            {
                return _calls.Count;
            }
        }
    }

    /// <summary>Gets the transaction table (tests).</summary>
    internal TransactionTable Transactions => _table;

    /// <inheritdoc />
    public void OnRequest(SipRequest request, SipSource source)
    {
        if (TransactionKey.ForServer(request) is not TransactionKey key)
        {
            _context.Transport.Metrics.CountDropped("no_transaction_key");
            return;
        }

        IncomingCall? admit = null;
        lock (_context.Gate)
        {
            if (request.Method == SipMethod.Ack)
            {
                OnAck(request, key, source);
                return;
            }

            if (_table.TryGetServer(key, out ServerTransaction? existing))
            {
                existing!.OnRetransmittedRequest();
                return;
            }

            if (_table.IsFull(source.Peer.EndPoint.Address) || (_draining && request.Method == SipMethod.Invite && request.To?.Tag is null))
            {
                // Overload or drain: a stateless 503 with Retry-After costs no memory (RFC 3261 §21.5.4).
                _context.Transport.Metrics.CountOverloaded();
                SendStateless(request, source, SipStatusCodes.ServiceUnavailable, null, RetryAfterHeader, _options.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture));
                return;
            }

            // RFC 3261 §8.2.2.3: CANCEL is never refused for its Require (it must match the INVITE's anyway).
            if (request.Method == SipMethod.Cancel)
            {
                OnCancel(request, key, source);
            }
            else if (TryRefuseExtensions(request, key, source, out SessionTimerDecision timer))
            {
                return;
            }
            else if (request.To?.Tag is string toTag)
            {
                OnInDialogRequest(request, key, source, toTag, timer);
            }
            else if (request.Method == SipMethod.Invite && IsMergedRequest(request, key, source))
            {
                return;
            }
            else if (request.Method == SipMethod.Invite)
            {
                admit = CreateCall(request, key, source);
                admit.SessionTimer = timer;
                admit.RequiresReliableProvisional = SipOptionTags.Requires(request, SipOptionTags.ReliableProvisional);
            }
            else
            {
                OnOutOfDialogRequest(request, key, source);
            }
        }

        if (admit is not null)
        {
            _ = AdmitAsync(admit);
        }
    }

    /// <inheritdoc />
    public void OnResponse(SipResponse response, SipSource source)
    {
        if (response.TopVia?.Branch is not string branch || response.CSeq is not CSeqHeader cseq)
        {
            _context.Transport.Metrics.CountDropped("stray_response");
            return;
        }

        lock (_context.Gate)
        {
            if (_table.TryGetClient(TransactionKey.ForClient(branch, cseq.Method), out ClientNonInviteTransaction? transaction))
            {
                transaction!.OnResponse(response);
            }
            else
            {
                _context.Transport.Metrics.CountDropped("stray_response");
            }
        }
    }

    /// <summary>Refuses new INVITEs with 503 from now on (graceful drain).</summary>
    public void BeginDrain()
    {
        lock (_context.Gate)
        {
            _draining = true;
        }
    }

    /// <summary>
    /// Drains: refuses new INVITEs, waits up to <paramref name="timeout"/> for live calls to end by themselves,
    /// then hangs the rest up with <c>system_shutdown</c>.
    /// </summary>
    public async Task DrainAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task idle;
        lock (_context.Gate)
        {
            _draining = true;
            if (_calls.Count == 0)
            {
                return;
            }

            idle = _idle.Task;
        }

        try
        {
            await idle.WaitAsync(timeout, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Fall through: end what is left.
        }
        catch (OperationCanceledException)
        {
            // Stopping faster than planned: end what is left now.
        }

        List<IncomingCall> left;
        lock (_context.Gate)
        {
            left = [.. _calls];
        }

        foreach (IncomingCall call in left)
        {
            HangUp(call, DisconnectReasons.SystemShutdown);
        }
    }

    private IncomingCall CreateCall(SipRequest request, TransactionKey key, SipSource source)
    {
        var transaction = (ServerInviteTransaction)AddServerTransaction(request, key, source);
        var call = new IncomingCall(this, transaction, _timeProvider.GetTimestamp());
        TraceReceived(call, request, source);

        // RFC 3261 §17.2.1: answer 100 Trying at once; admission may wait on the directory.
        Respond(call, transaction, SipStatusCodes.Trying, null);
        _callsByInvite[key] = call;
        _calls.Add(call);
        if (RequestOrigin.Of(request) is RequestOrigin origin)
        {
            _callsByOrigin[origin] = call;
        }

        return call;
    }

    /// <summary>
    /// RFC 3261 §8.2.2.2: an INVITE with the Call-ID, From tag and CSeq of one we are already serving, but another
    /// branch, reached us twice through a fork; it gets 482 Loop Detected so that only one call comes of it. Under the gate.
    /// </summary>
    private bool IsMergedRequest(SipRequest request, TransactionKey key, SipSource source)
    {
        if (RequestOrigin.Of(request) is not RequestOrigin origin || !_callsByOrigin.TryGetValue(origin, out IncomingCall? existing)
            || existing.InviteTransaction.Key.Equals(key))
        {
            return false;
        }

        Respond(null, AddServerTransaction(request, key, source), SipStatusCodes.LoopDetected, null);
        return true;
    }

    /// <summary>Adds a request the peer sent to the call's SIP trace.</summary>
    private void TraceReceived(IncomingCall call, SipRequest request, SipSource source) =>
        call.Trace.Add(_timeProvider.GetUtcNow(), false, source.Peer.EndPoint.ToString(), SipWriter.ToBytes(request));

    /// <summary>Creates the server transaction for a new request (INVITE or not) and tracks it. Under the gate.</summary>
    private ServerTransaction AddServerTransaction(SipRequest request, TransactionKey key, SipSource source)
    {
        ServerTransaction transaction = request.Method == SipMethod.Invite
            ? new ServerInviteTransaction(_context, key, request, source)
            : new ServerNonInviteTransaction(_context, key, request, source);
        _table.Add(transaction);
        return transaction;
    }

    private void OnOutOfDialogRequest(SipRequest request, TransactionKey key, SipSource source)
    {
        ServerTransaction transaction = AddServerTransaction(request, key, source);
        if (request.Method == SipMethod.Options)
        {
            // RFC 3261 §11.2: capabilities; a keep-alive ping from a carrier gets the same answer.
            transaction.SendResponse(WithCapabilities(SipResponseBuilder.Create(request, SipStatusCodes.Ok, null, SipIdentifiers.NewTag())));
            return;
        }

        // RFC 3261 §15.1.2 / §12.2.2: BYE, INFO, UPDATE outside a dialog match no dialog: 481.
        int status = request.Method.Kind switch
        {
            SipMethodKind.Bye or SipMethodKind.Info or SipMethodKind.Update or SipMethodKind.Prack => SipStatusCodes.CallOrTransactionDoesNotExist,
            SipMethodKind.Extension => SipStatusCodes.NotImplemented,
            _ => SipStatusCodes.MethodNotAllowed,
        };
        SipResponse response = SipResponseBuilder.Create(request, status, null, SipIdentifiers.NewTag());
        response.Headers.Add(SipHeaderNames.Allow, AllowedMethods);
        transaction.SendResponse(response);
    }

    private void OnCancel(SipRequest request, TransactionKey key, SipSource source)
    {
        ServerTransaction transaction = AddServerTransaction(request, key, source);

        // RFC 3261 §9.2: a CANCEL matches the INVITE transaction with the same branch; none → 481.
        if (!_table.TryGetServer(key.ForInvite(), out ServerTransaction? invite))
        {
            transaction.SendResponse(SipResponseBuilder.Create(request, SipStatusCodes.CallOrTransactionDoesNotExist, null, SipIdentifiers.NewTag()));
            return;
        }

        _callsByInvite.TryGetValue(key.ForInvite(), out IncomingCall? call);
        SipResponse ok = SipResponseBuilder.Create(request, SipStatusCodes.Ok, null, call?.LocalTag ?? SipIdentifiers.NewTag());
        ReadOnlyMemory<byte> sent = transaction.SendResponse(ok);
        if (call is null || call.State is IncomingCallState.Answered or IncomingCallState.Ended)
        {
            return;
        }

        TraceReceived(call, request, source);
        call.Trace.Add(_timeProvider.GetUtcNow(), true, source.Peer.EndPoint.ToString(), sent.Span);

        // RFC 3261 §9.2: the INVITE itself then gets 487 Request Terminated.
        Respond(call, (ServerInviteTransaction)invite!, SipStatusCodes.RequestTerminated, null);
        EndCall(call, CallOutcome.Failed, DisconnectReasons.Cancelled);
    }

    private void OnAck(SipRequest request, TransactionKey key, SipSource source)
    {
        // RFC 3261 §17.2.1: the ACK of a non-2xx has the INVITE's branch and belongs to its transaction.
        if (_table.TryGetServer(key, out ServerTransaction? transaction) && transaction is ServerInviteTransaction invite
            && invite.State != ServerInviteState.Accepted)
        {
            invite.OnAck();
            return;
        }

        // RFC 3261 §13.3.1.4: the ACK of a 2xx is its own transaction and is matched by the dialog.
        if (request.To?.Tag is string toTag && _dialogs.TryGetValue(DialogId.Of(request, toTag), out IncomingCall? call))
        {
            TraceReceived(call, request, source);
            call.AwaitingAck?.OnAck();
            call.AwaitingAck = null;
            OnAnswerInAck(call, request);
            return;
        }

        _context.Transport.Metrics.CountDropped("stray_ack");
    }

    private ReadOnlyMemory<byte> Respond(IncomingCall? call, ServerTransaction transaction, int status, string? reason, string? toTag = null)
    {
        SipResponse response = SipResponseBuilder.Create(transaction.Request, status, reason, status == SipStatusCodes.Trying ? null : toTag ?? call?.LocalTag ?? SipIdentifiers.NewTag());
        return Send(call, transaction, response);
    }

    private ReadOnlyMemory<byte> Send(IncomingCall? call, ServerTransaction transaction, SipResponse response)
    {
        response.Headers.Add(SipHeaderNames.Server, _options.ServerName);
        ReadOnlyMemory<byte> bytes = transaction.SendResponse(response);
        if (call is not null && !bytes.IsEmpty)
        {
            call.Trace.Add(_timeProvider.GetUtcNow(), true, transaction.Destination.Peer.EndPoint.ToString(), bytes.Span);
        }

        return bytes;
    }

    private void SendStateless(SipRequest request, SipSource source, int status, string? reason, string? headerName = null, string? headerValue = null)
    {
        SipResponse response = SipResponseBuilder.Create(request, status, reason, SipIdentifiers.NewTag());
        if (headerName is not null && headerValue is not null)
        {
            response.Headers.Add(headerName, headerValue);
        }

        _context.Transport.Send(SipTransportLayer.ResponseDestination(request, source), SipWriter.ToBytes(response));
    }

    private static SipResponse WithCapabilities(SipResponse response)
    {
        response.Headers.Add(SipHeaderNames.Allow, AllowedMethods);
        response.Headers.Add(SipHeaderNames.Accept, AcceptedTypes);
        response.Headers.Add(SipHeaderNames.Supported, SipOptionTags.Supported);
        return response;
    }

    private string ContactFor(SipSource source)
    {
        string host = _advertisedAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? string.Concat("[", _advertisedAddress.ToString(), "]")
            : _advertisedAddress.ToString();
        string transport = source.Peer.Protocol == SipTransportProtocol.Tcp ? ";transport=tcp" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"<sip:{host}:{source.Transport.LocalEndPoint.Port}{transport}>");
    }

    /// <summary>Ends a call (under the gate): removes it everywhere and completes its signals once.</summary>
    private void EndCall(IncomingCall call, CallOutcome outcome, string reason)
    {
        if (call.State == IncomingCallState.Ended)
        {
            return;
        }

        if (call.DeferredAnswered is not null)
        {
            // Our offer in the 200 was never answered: no media was agreed, so the call never connected (spec: failed).
            call.DeferredAnswered = null;
            outcome = CallOutcome.Failed;
        }

        _callsByInvite.Remove(call.InviteTransaction.Key);
        if (RequestOrigin.Of(call.InviteTransaction.Request) is RequestOrigin origin
            && _callsByOrigin.TryGetValue(origin, out IncomingCall? owner) && ReferenceEquals(owner, call))
        {
            _callsByOrigin.Remove(origin);
        }

        if (call.Dialog is not null)
        {
            _dialogs.Remove(call.Dialog.Id);
        }

        _calls.Remove(call);
        StopReliableProvisional(call);
        call.AwaitingAck = null;
        StopSessionTimer(call);
        call.Complete(outcome, reason);
        if (_draining && _calls.Count == 0)
        {
            _idle.TrySetResult();
        }
    }
}
