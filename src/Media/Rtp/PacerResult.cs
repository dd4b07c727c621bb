namespace Telepath.Media.Rtp;

/// <summary>Outcome of <see cref="RtpPacer.Next"/>.</summary>
internal enum PacerResult
{
    /// <summary>The next frame's due time has not come yet (or the pacer is not started).</summary>
    NotDue,

    /// <summary>A frame was due and copied out; send it now.</summary>
    Frame,

    /// <summary>A frame was due but none was queued: the slot passes (send comfort noise or nothing).</summary>
    Underrun,
}
