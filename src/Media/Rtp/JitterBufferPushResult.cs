namespace Telepath.Media.Rtp;

/// <summary>What <see cref="JitterBuffer.Push(ReadOnlySpan{byte}, ushort, uint, byte, bool, long)"/> did with a packet.</summary>
internal enum JitterBufferPushResult
{
    /// <summary>Stored; it will be released in sequence order.</summary>
    Accepted,

    /// <summary>Already held or already released: dropped and counted.</summary>
    Duplicate,

    /// <summary>Arrived after its gap was skipped and declared lost: dropped and counted.</summary>
    Late,

    /// <summary>Payload larger than a slot: dropped and counted.</summary>
    TooLarge,

    /// <summary>First packet of a suspected sequence jump: dropped until the next packet confirms it (RFC 3550 A.1).</summary>
    BadJump,

    /// <summary>A confirmed sequence jump: everything held was discarded and the buffer restarted at this packet.</summary>
    Restarted,
}
