using System.Diagnostics.CodeAnalysis;

namespace Telepath.Media.Sdp;

/// <summary>Outcome of <see cref="CodecNegotiator.AcceptAnswer"/>: the negotiated audio, or why the answer is unusable.</summary>
public sealed record SdpAnswerResult
{
    private SdpAnswerResult(NegotiatedAudio? audio, SdpAnswerError error, string reason)
    {
        Audio = audio;
        Error = error;
        Reason = reason;
    }

    /// <summary>True when the answer accepted our audio stream with a codec we offered.</summary>
    [MemberNotNullWhen(true, nameof(Audio))]
    public bool IsSuccess => Error == SdpAnswerError.None && Audio is not null;

    /// <summary>The audio stream as answered, on success.</summary>
    public NegotiatedAudio? Audio { get; }

    /// <summary>The machine-readable failure, <see cref="SdpAnswerError.None"/> on success.</summary>
    public SdpAnswerError Error { get; }

    /// <summary>A short explanation for logs, free of input data.</summary>
    public string Reason { get; }

    internal static SdpAnswerResult Success(NegotiatedAudio audio) => new(audio, SdpAnswerError.None, "ok");

    internal static SdpAnswerResult Fail(SdpAnswerError error, string reason) => new(null, error, reason);
}
