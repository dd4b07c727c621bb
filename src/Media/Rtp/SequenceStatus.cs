namespace Telepath.Media.Rtp;

/// <summary>What <see cref="SequenceTracker.Update"/> concluded about one packet's sequence number.</summary>
internal enum SequenceStatus
{
    /// <summary>The source is still on probation (RFC 3550 A.1, MIN_SEQUENTIAL): not yet counted as valid.</summary>
    Probation,

    /// <summary>The packet advanced the highest sequence number (possibly past a gap).</summary>
    InOrder,

    /// <summary>The packet is older than the highest seen but had not been seen before.</summary>
    Reordered,

    /// <summary>The packet was already received.</summary>
    Duplicate,

    /// <summary>A jump larger than MAX_DROPOUT: dropped until the next packet confirms a restart.</summary>
    BadJump,

    /// <summary>Two sequential packets confirmed a jump: the source restarted and statistics were reset.</summary>
    Restarted,
}
