using Telepath.Media.Sip.Message;

namespace Telepath.Media.Sip.Parsing;

/// <summary>What <see cref="SipParser.Parse"/> found.</summary>
internal readonly struct SipParseResult
{
    private SipParseResult(SipParseStatus status, SipMessage? message, int consumed, string? error)
    {
        Status = status;
        Message = message;
        Consumed = consumed;
        Error = error;
    }

    /// <summary>Complete, Incomplete or Invalid.</summary>
    public SipParseStatus Status { get; }

    /// <summary>The message when <see cref="Status"/> is Complete; otherwise null.</summary>
    public SipMessage? Message { get; }

    /// <summary>
    /// Bytes used: with Stream framing, the message length including any CRLFs skipped before it (0 unless
    /// Complete); with Datagram framing, the whole datagram when Complete.
    /// </summary>
    public int Consumed { get; }

    /// <summary>A short reason when Invalid, suitable as a 400 reason phrase or a drop counter label.</summary>
    public string? Error { get; }

    /// <summary>Builds a Complete result.</summary>
    public static SipParseResult Complete(SipMessage message, int consumed) => new(SipParseStatus.Complete, message, consumed, null);

    /// <summary>Builds an Incomplete result (nothing consumed).</summary>
    public static SipParseResult Incomplete() => new(SipParseStatus.Incomplete, null, 0, null);

    /// <summary>Builds an Invalid result.</summary>
    public static SipParseResult Invalid(string error) => new(SipParseStatus.Invalid, null, 0, error);
}
