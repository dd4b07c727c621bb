using System.Diagnostics.CodeAnalysis;

namespace Telepath.Media.Sdp;

/// <summary>Outcome of <see cref="CodecNegotiator.Answer"/>: an answer and the negotiated audio, or a failure.</summary>
public sealed record SdpNegotiationResult
{
    private SdpNegotiationResult(SessionDescription? answer, NegotiatedAudio? audio, SdpNegotiationFailure? failure)
    {
        Answer = answer;
        Audio = audio;
        Failure = failure;
    }

    /// <summary>True when the offer was accepted.</summary>
    [MemberNotNullWhen(true, nameof(Answer), nameof(Audio))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsSuccess => Failure is null;

    /// <summary>The answer to send, on success.</summary>
    public SessionDescription? Answer { get; }

    /// <summary>The accepted audio stream, on success.</summary>
    public NegotiatedAudio? Audio { get; }

    /// <summary>Why the offer was rejected, on failure.</summary>
    public SdpNegotiationFailure? Failure { get; }

    internal static SdpNegotiationResult Success(SessionDescription answer, NegotiatedAudio audio) =>
        new(answer, audio, null);

    internal static SdpNegotiationResult Fail(SdpNegotiationFailureReason reason, int warningCode, string text) =>
        new(null, null, new SdpNegotiationFailure(reason, warningCode, text));
}
