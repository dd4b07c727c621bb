using System.Net;
using Microsoft.Extensions.Logging;
using Telepath.Media.Edge;
using Telepath.Media.Rtp;
using Telepath.Media.Sdp;
using Telepath.Media.Sip.Auth;
using Telepath.Media.Sip.Message;

namespace Telepath.Media.Sip.UserAgent;

/// <summary>INVITE admission: trunk, source address, digest, trunk status, called number, SDP, then the handler.</summary>
internal sealed partial class SipUserAgentServer
{
    private const int MaxRememberedAuthFailures = 10_000;

    private enum AuthOutcome
    {
        Authenticated,
        Challenge,
        StaleChallenge,
        Forbidden,
    }

    /// <summary>
    /// Which trunk an INVITE is for and which number it calls. The rule: the trunk is named by the Request-URI
    /// user (the trunk's <c>sip_username</c>) and the called number is the To user. When the Request-URI user is
    /// a phone number (carriers that put the dialled number there) and the To user is not, the To user names the
    /// trunk and the Request-URI user is the called number. Once the INVITE carries digest credentials, their
    /// username names the trunk instead (both URIs may then hold the dialled number).
    /// </summary>
    internal static (string Username, string CalledNumber) IdentifyTarget(SipRequest invite)
    {
        string? requestUser = invite.RequestUri?.User;
        string? toUser = invite.To?.Uri.User;
        if (requestUser is not null && IsPhoneNumber(requestUser) && toUser is not null && !IsPhoneNumber(toUser))
        {
            return (toUser, requestUser);
        }

        return (requestUser ?? toUser ?? string.Empty, toUser ?? requestUser ?? string.Empty);
    }

    /// <summary>Parses the comma-separated <see cref="SipOptions.DigestAlgorithms"/> (MD5 and SHA-256 only, no repeats).</summary>
    internal static bool TryParseAlgorithms(string? text, out DigestAlgorithm[] algorithms)
    {
        var list = new List<DigestAlgorithm>(2);
        foreach (string token in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!DigestAlgorithms.TryParse(token, out DigestAlgorithm algorithm) || algorithm.IsSession() || list.Contains(algorithm))
            {
                algorithms = [];
                return false;
            }

            list.Add(algorithm);
        }

        algorithms = [.. list];
        return list.Count > 0;
    }

    /// <summary>
    /// RFC 3261 §22.4 wants the digest-uri to equal the Request-URI, but common UACs (SIPp among them) send the
    /// URI without the user part. We accept any SIP URI naming the same host and port; the response is still
    /// bound to the digest-uri it was computed over, and nonce counts stop replays.
    /// </summary>
    private static bool DigestUriMatches(string digestUri, SipRequest request) =>
        string.Equals(digestUri, request.RawRequestUri, StringComparison.OrdinalIgnoreCase)
        || (SipUri.TryParse(digestUri, out SipUri? uri) && request.RequestUri is SipUri target && uri.IsSip
            && string.Equals(uri.Host, target.Host, StringComparison.OrdinalIgnoreCase) && uri.Port == target.Port);

    private static bool IsPhoneNumber(string user)
    {
        ReadOnlySpan<char> digits = user.StartsWith('+') ? user.AsSpan(1) : user;
        return digits.Length >= 3 && !digits.ContainsAnyExceptInRange('0', '9');
    }

    private static string DigitsOf(string number)
    {
        Span<char> buffer = stackalloc char[Math.Min(number.Length, 64)];
        int length = 0;
        foreach (char c in number)
        {
            if (char.IsAsciiDigit(c) && length < buffer.Length)
            {
                buffer[length++] = c;
            }
        }

        return new string(buffer[..length]);
    }

    private static bool IsNumberAllowed(TrunkIdentity trunk, string calledNumber)
    {
        if (trunk.InboundNumbers.Count == 0)
        {
            return true;
        }

        string called = DigitsOf(calledNumber);
        foreach (string number in trunk.InboundNumbers)
        {
            if (called.Length > 0 && string.Equals(DigitsOf(number), called, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSourceAllowed(TrunkIdentity trunk, IPAddress source)
    {
        if (trunk.AllowedSourceCidrs.Count == 0)
        {
            return true;
        }

        IPAddress address = source.IsIPv4MappedToIPv6 ? source.MapToIPv4() : source;
        foreach (string cidr in trunk.AllowedSourceCidrs)
        {
            if (IPNetwork.TryParse(cidr, out IPNetwork network) ? network.Contains(address)
                : IPAddress.TryParse(cidr, out IPAddress? single) && single.Equals(address))
            {
                return true;
            }
        }

        return false;
    }

    private async Task AdmitAsync(IncomingCall call)
    {
        CallSummary summary = CallSummary.Empty;
        try
        {
            SipRequest invite = call.InviteTransaction.Request;
            (string username, string calledNumber) = IdentifyTarget(invite);
            Credentials credentials = ReadCredentials(invite);

            // Carriers commonly send INVITE sip:<dialled number>@gateway with To = the same number and authenticate
            // with the trunk's credentials: then the digest username is the only thing that names the trunk.
            if (credentials.Parsed?.Username is { Length: > 0 } digestUser)
            {
                username = digestUser;
            }

            call.To = calledNumber;
            call.From = invite.From?.Uri.User ?? invite.From?.Uri.ToString() ?? string.Empty;
            TrunkIdentity? trunk = await _directory.FindByUsernameAsync(username, CancellationToken.None).ConfigureAwait(false);

            // Source addresses are checked before any challenge: a wrong network never learns a nonce.
            if (trunk is not null && !IsSourceAllowed(trunk, call.Source.Address))
            {
                await RefuseAsync(call, trunk, SipStatusCodes.Forbidden, DisconnectReasons.SourceNotAllowed).ConfigureAwait(false);
                return;
            }

            AuthOutcome auth = Authenticate(invite, credentials, trunk);
            if (auth is AuthOutcome.Challenge or AuthOutcome.StaleChallenge)
            {
                Challenge(call, auth == AuthOutcome.StaleChallenge);
                await FinishAsync(call, summary).ConfigureAwait(false);
                return;
            }

            if (auth == AuthOutcome.Forbidden || trunk is null)
            {
                // Unknown users end here too, after the same challenges: indistinguishable from a wrong password.
                if (trunk is null)
                {
                    FinalResponse(call, SipStatusCodes.Forbidden, CallOutcome.Failed, DisconnectReasons.AuthFailed);
                    await FinishAsync(call, summary).ConfigureAwait(false);
                }
                else
                {
                    await RefuseAsync(call, trunk, SipStatusCodes.Forbidden, DisconnectReasons.AuthFailed).ConfigureAwait(false);
                }

                return;
            }

            call.Trunk = trunk;
            if (trunk.Status != TrunkAdmission.Accept)
            {
                string reason = trunk.Status == TrunkAdmission.Deleted ? DisconnectReasons.TrunkDeleted : DisconnectReasons.TrunkInactive;
                await RefuseAsync(call, trunk, SipStatusCodes.Forbidden, reason).ConfigureAwait(false);
                return;
            }

            if (!IsNumberAllowed(trunk, calledNumber))
            {
                await RefuseAsync(call, trunk, SipStatusCodes.Forbidden, DisconnectReasons.NumberNotAllowed).ConfigureAwait(false);
                return;
            }

            await StartAsync(call, trunk).ConfigureAwait(false);
            if (!Negotiate(call))
            {
                await FinishAsync(call, summary).ConfigureAwait(false);
                return;
            }

            summary = await RunHandlerAsync(call).ConfigureAwait(false);
            await call.Terminated.ConfigureAwait(false);
            await FinishAsync(call, summary).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The admission task is fire-and-forget; every failure must end the call, not vanish.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogAdmissionFailed(_logger, call.SipCallId, ex);
            FinalResponse(call, SipStatusCodes.ServerInternalError, CallOutcome.Failed, DisconnectReasons.NetworkError);
            await FinishAsync(call, summary).ConfigureAwait(false);
        }
    }

    /// <summary>The INVITE's digest credentials: absent, unparseable, or parsed.</summary>
    private readonly record struct Credentials(bool Present, DigestCredentials? Parsed);

    private Credentials ReadCredentials(SipRequest invite)
    {
        string? header = invite.Headers.Get(_challengeKind.CredentialsHeaderName());
        if (header is null)
        {
            return default;
        }

        return new Credentials(true, DigestCredentialsParser.TryParse(header, out DigestCredentials? parsed, out _) ? parsed : null);
    }

    private AuthOutcome Authenticate(SipRequest invite, Credentials presented, TrunkIdentity? trunk)
    {
        if (!presented.Present)
        {
            return AuthOutcome.Challenge;
        }

        DigestVerificationResult result;
        if (presented.Parsed is not { } credentials)
        {
            result = DigestVerificationResult.Malformed;
        }
        else
        {
            string? requiredUri = DigestUriMatches(credentials.Uri, invite) ? null : invite.RawRequestUri;
            result = trunk is null || !string.Equals(credentials.Username, trunk.SipUsername, StringComparison.Ordinal)
                // Same hashing work as a known user with a wrong password (no timing oracle for user names).
                ? _verifier.VerifyUnknownUser(credentials, invite.Method.Name, requiredUri, _options.Domain)
                : _verifier.Verify(credentials, invite.Method.Name, requiredUri, _options.Domain, trunk.Credentials);
        }

        string callId = invite.CallId!;
        lock (_context.Gate)
        {
            switch (result)
            {
                case DigestVerificationResult.Valid:
                    _authFailures.Remove(callId);
                    return AuthOutcome.Authenticated;
                case DigestVerificationResult.StaleNonce:
                    // RFC 7616 §3.3 / RFC 3261 §22.4: a correct response on an expired nonce gets a fresh one, stale=true.
                    return AuthOutcome.StaleChallenge;
                default:
                    if (_authFailures.Count >= MaxRememberedAuthFailures)
                    {
                        _authFailures.Clear();
                    }

                    int failures = _authFailures.GetValueOrDefault(callId) + 1;
                    if (failures >= _options.MaxAuthAttempts)
                    {
                        _authFailures.Remove(callId);
                        return AuthOutcome.Forbidden;
                    }

                    _authFailures[callId] = failures;
                    return AuthOutcome.Challenge;
            }
        }
    }

    private void Challenge(IncomingCall call, bool stale)
    {
        lock (_context.Gate)
        {
            if (call.State == IncomingCallState.Ended)
            {
                return;
            }

            // RFC 8760 §2.4: one challenge per algorithm in order of preference, all with the same nonce; RFC 3261 §22.2.
            SipResponse response = SipResponseBuilder.Create(call.InviteTransaction.Request, _challengeKind.StatusCode(), _challengeKind.ReasonPhrase(), call.LocalTag);
            string nonce = _nonces.CreateNonce();
            foreach (DigestAlgorithm algorithm in _algorithms)
            {
                response.Headers.Add(_challengeKind.ChallengeHeaderName(), new DigestChallenge(_options.Domain, nonce, algorithm, Stale: stale).ToHeaderValue());
            }

            Send(null, call.InviteTransaction, response);
            EndCall(call, CallOutcome.Failed, DisconnectReasons.AuthFailed);
        }
    }

    private async Task StartAsync(IncomingCall call, TrunkIdentity trunk)
    {
        SipRequest invite = call.InviteTransaction.Request;
        var started = new CallStartedEvent(
            trunk.TrunkId,
            trunk.AccountId,
            call.From,
            call.To,
            invite.Headers.Get(SipHeaderNames.UserAgent),
            call.Source.Address.ToString(),
            call.SipCallId,
            _timeProvider.GetUtcNow());
        string callId = await _events.CallStartedAsync(started, CancellationToken.None).ConfigureAwait(false);
        lock (_context.Gate)
        {
            call.CallId = callId;
            call.Trunk = trunk;
        }

        LogCallStarted(_logger, callId, trunk.TrunkId, call.SipCallId);
    }

    private async Task RefuseAsync(IncomingCall call, TrunkIdentity trunk, int status, string reason)
    {
        await StartAsync(call, trunk).ConfigureAwait(false);
        FinalResponse(call, status, CallOutcome.Failed, reason);
        LogCallRefused(_logger, call.CallId!, status, reason);
        await FinishAsync(call, CallSummary.Empty).ConfigureAwait(false);
    }

    /// <summary>Sends a final response unless the call already ended (e.g. CANCEL won the race), and ends it.</summary>
    private void FinalResponse(IncomingCall call, int status, CallOutcome outcome, string reason, string? warning = null)
    {
        lock (_context.Gate)
        {
            if (call.State is IncomingCallState.Ended or IncomingCallState.Answered)
            {
                return;
            }

            SipResponse response = SipResponseBuilder.Create(call.InviteTransaction.Request, status, null, call.LocalTag);
            if (status == SipStatusCodes.ServiceUnavailable)
            {
                response.Headers.Add(RetryAfterHeader, _options.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (warning is not null)
            {
                response.Headers.Add(WarningHeader, warning);
            }

            Send(call, call.InviteTransaction, response);
            EndCall(call, outcome, reason);
        }
    }

    private bool Negotiate(IncomingCall call)
    {
        SipRequest invite = call.InviteTransaction.Request;
        if (!SessionBody.TryGetSdp(invite, out ReadOnlyMemory<byte> sdp))
        {
            // RFC 3261 §13.3.1.1: no offer in the INVITE (delayed offer, or only non-SDP parts); ours goes in the 200.
            return NegotiateDelayedOffer(call);
        }

        SdpParseResult offer = SdpParser.Parse(sdp.Span);
        if (!offer.IsSuccess)
        {
            // An unreadable offer.
            FinalResponse(call, SipStatusCodes.NotAcceptableHere, CallOutcome.Failed, DisconnectReasons.CodecMismatch);
            return false;
        }

        if (!TryLeasePorts(call, out RtpPortPair ports))
        {
            return false;
        }

        SdpNegotiationResult result = _negotiator.Answer(offer.Description, new LocalMediaEndpoint(_advertisedAddress, ports.Rtp));
        if (MarkOffered(call, ports, result.IsSuccess ? result.Audio : null, result.Answer, offerInOk: false))
        {
            return true;
        }

        if (!result.IsSuccess)
        {
            // RFC 3261 §21.4.26 / §20.43: 488 with a Warning naming what was not acceptable.
            string warning = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{result.Failure.WarningCode} {_options.Domain} \"{result.Failure.Text}\"");
            FinalResponse(call, SipStatusCodes.NotAcceptableHere, CallOutcome.Failed, DisconnectReasons.CodecMismatch, warning);
        }

        return false;
    }

    /// <summary>Leases the call's RTP port pair; when none is free the INVITE gets 503 and false comes back.</summary>
    private bool TryLeasePorts(IncomingCall call, out RtpPortPair ports)
    {
        if (_ports.TryLease(out ports))
        {
            return true;
        }

        FinalResponse(call, SipStatusCodes.ServiceUnavailable, CallOutcome.Failed, DisconnectReasons.NetworkError);
        return false;
    }

    /// <summary>
    /// Records the leased ports on the call (so they are returned whatever happens next) and, when negotiation gave
    /// <paramref name="audio"/> and the call is still being admitted (no CANCEL won), makes it offered with our
    /// <paramref name="local"/> description: the answer, or with <paramref name="offerInOk"/> the offer the 200 will carry.
    /// </summary>
    private bool MarkOffered(IncomingCall call, RtpPortPair ports, NegotiatedAudio? audio, SessionDescription? local, bool offerInOk)
    {
        lock (_context.Gate)
        {
            call.RtpPorts = ports;
            call.MediaAddress = _advertisedAddress;
            if (audio is null || local is null || call.State != IncomingCallState.Admitting)
            {
                return false;
            }

            call.Audio = audio;
            call.LocalDescription = local;
            if (offerInOk)
            {
                call.PendingOffer = new OutstandingOffer(local, call.InviteTransaction);
            }

            call.State = IncomingCallState.Offered;
            return true;
        }
    }

    /// <summary>
    /// Moves an offered call to another RTP port pair when its handler cannot bind the leased one (another process
    /// holds a port of it): the SDP not yet sent is rewritten with the new port, and the unusable pair goes to the back
    /// of the allocator's queue. False once the call has been answered or no pair is free.
    /// </summary>
    internal bool TryMoveMedia(IncomingCall call, out RtpPortPair ports)
    {
        ports = default;
        lock (_context.Gate)
        {
            if (call.State != IncomingCallState.Offered || call.RtpPorts is not RtpPortPair old || call.LocalDescription is not { } description
                || !_ports.TryLease(out RtpPortPair fresh))
            {
                return false;
            }

            _ports.Return(old);
            call.RtpPorts = fresh;
            call.LocalDescription = WithPort(description, old.Rtp, fresh.Rtp);
            if (call.PendingOffer is { } pending)
            {
                call.PendingOffer = pending with { Offer = call.LocalDescription };
            }

            ports = fresh;
            return true;
        }
    }

    private static SessionDescription WithPort(SessionDescription description, int oldPort, int newPort)
    {
        var media = new SdpMediaDescription[description.Media.Count];
        for (int i = 0; i < media.Length; i++)
        {
            SdpMediaDescription line = description.Media[i];
            media[i] = line.Port == oldPort ? line with { Port = newPort } : line;
        }

        return description with { Media = media };
    }

    private async Task<CallSummary> RunHandlerAsync(IncomingCall call)
    {
        CallSummary summary = CallSummary.Empty;
        try
        {
            summary = await _handler.HandleAsync(call, call.EndedToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (call.EndedToken.IsCancellationRequested)
        {
            // The dialog ended while the handler was waiting: a normal end.
        }
#pragma warning disable CA1031 // A failing handler ends its call; it must not take the stack down.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogHandlerFailed(_logger, call.CallId!, ex);
            HangUp(call, DisconnectReasons.AgentError);
        }

        // A handler that returns while the dialog is still up has hung up.
        HangUp(call, DisconnectReasons.AgentHangup);
        return summary;
    }

    private async Task FinishAsync(IncomingCall call, CallSummary summary)
    {
        RtpPortPair? ports;
        lock (_context.Gate)
        {
            ports = call.RtpPorts;
            call.RtpPorts = null;
        }

        if (ports is RtpPortPair leased)
        {
            _ports.Return(leased);
        }

        if (call.CallId is not string callId)
        {
            return;
        }

        (CallOutcome outcome, string reason) = call.Termination;
        try
        {
            await _events.SipTraceAsync(callId, call.Trace.Entries, CancellationToken.None).ConfigureAwait(false);
            CallMetrics metrics = summary.Metrics.SetupMs is null ? summary.Metrics with { SetupMs = call.SetupMs } : summary.Metrics;
            await _events.CallEndedAsync(
                new CallEndedEvent(callId, _timeProvider.GetUtcNow(), outcome, reason, summary.Turns, metrics),
                CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Reporting is best effort once the call is over; the failure is logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogReportFailed(_logger, callId, ex);
        }

        LogCallEnded(_logger, callId, outcome, reason);
    }
}
