using System.Buffers;
using Telepath.Media.Rtp.Engine;

namespace Telepath.Media.Bridge;

/// <summary>
/// Agent audio that did not fit in the RTP pacer's queue yet. Providers generate faster than real time (a 20 s answer
/// can arrive in 2 s), the pacer holds a few seconds, and the rest waits here in the pooled buffers it arrived in, in
/// order, until the pacer has room. Owned by the session's agent loop.
/// </summary>
internal sealed class PlayoutBacklog
{
    private readonly Queue<Segment> _segments = new();
    private readonly long _maxBytes;
    private long _bytes;
    private long _droppedBytes;

    /// <summary>Creates a backlog holding at most <paramref name="maxBytes"/>.</summary>
    public PlayoutBacklog(long maxBytes)
    {
        _maxBytes = maxBytes;
    }

    /// <summary>Gets a value indicating whether audio is waiting.</summary>
    public bool IsEmpty => _segments.Count == 0;

    /// <summary>Gets the bytes dropped because the backlog was full.</summary>
    public long DroppedBytes => _droppedBytes;

    /// <summary>Takes ownership of a pooled buffer's bytes from <paramref name="offset"/>; returns it to the pool when full.</summary>
    public void Add(byte[] pooled, int offset, int length)
    {
        if (_bytes + length > _maxBytes)
        {
            _droppedBytes += length;
            ArrayPool<byte>.Shared.Return(pooled);
            return;
        }

        _segments.Enqueue(new Segment(pooled, offset, length));
        _bytes += length;
    }

    /// <summary>Moves as much as fits into the pacer, oldest first.</summary>
    /// <returns>The bytes the pacer accepted.</returns>
    public int PumpInto(RtpStream stream)
    {
        int moved = 0;
        while (_segments.TryPeek(out Segment? head))
        {
            int accepted = stream.EnqueueAudio(head.Buffer.AsSpan(head.Offset, head.Length));
            moved += accepted;
            _bytes -= accepted;
            if (accepted < head.Length)
            {
                head.Offset += accepted;
                head.Length -= accepted;
                break;
            }

            _segments.Dequeue();
            ArrayPool<byte>.Shared.Return(head.Buffer);
        }

        return moved;
    }

    /// <summary>Discards everything (barge-in, hold, end of call).</summary>
    /// <returns>The bytes discarded.</returns>
    public long Clear()
    {
        long discarded = _bytes;
        while (_segments.TryDequeue(out Segment? segment))
        {
            ArrayPool<byte>.Shared.Return(segment.Buffer);
        }

        _bytes = 0;
        return discarded;
    }

    private sealed class Segment(byte[] buffer, int offset, int length)
    {
        public byte[] Buffer { get; } = buffer;

        public int Offset { get; set; } = offset;

        public int Length { get; set; } = length;
    }
}
