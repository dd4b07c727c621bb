using Telepath.Media.Rtp;
using Telepath.Media.Rtp.Engine;

namespace Telepath.Media.Tests.Rtp.Engine;

/// <summary>A consumer that records what the engine delivers, optionally echoing audio back through a stream.</summary>
internal sealed class RecordingConsumer : IRtpStreamConsumer
{
    private readonly Lock _gate = new();
    private readonly List<byte[]> _audio = [];
    private readonly List<uint> _timestamps = [];
    private readonly List<DtmfEvent> _dtmf = [];
    private int _timeouts;

    public RtpStream? EchoTo { get; set; }

    public int Timeouts => Volatile.Read(ref _timeouts);

    public List<byte[]> Audio
    {
        get
        {
            lock (_gate)
            {
                return [.. _audio];
            }
        }
    }

    public List<uint> Timestamps
    {
        get
        {
            lock (_gate)
            {
                return [.. _timestamps];
            }
        }
    }

    public List<DtmfEvent> Dtmf
    {
        get
        {
            lock (_gate)
            {
                return [.. _dtmf];
            }
        }
    }

    public void OnAudio(ReadOnlySpan<byte> payload, uint timestamp, int lostBefore, long arrival)
    {
        lock (_gate)
        {
            _audio.Add(payload.ToArray());
            _timestamps.Add(timestamp);
        }

        EchoTo?.EnqueueAudio(payload);
    }

    public void OnDtmf(DtmfEvent dtmf)
    {
        lock (_gate)
        {
            _dtmf.Add(dtmf);
        }
    }

    public void OnTimeout() => Interlocked.Increment(ref _timeouts);

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds; returns whether it did.</summary>
    public static async Task<bool> WaitUntilAsync(Func<bool> condition, int timeoutMs = 5000)
    {
        DateTime deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(10);
        }

        return condition();
    }
}
