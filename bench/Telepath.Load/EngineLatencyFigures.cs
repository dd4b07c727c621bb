using System.Reflection;
using Telepath.Media.Rtp.Engine;

namespace Telepath.Load;

/// <summary>
/// The RTP engine's own per-stream latency histograms, summed over every open stream, so a report can set what
/// Telepath measures inside itself beside what the phones see. Receive: datagram arrival → the bridge has queued the
/// frame for the agent's socket (JSON + base64 included). Send: a frame's pacing slot → the datagram was sent (the
/// pacer's lateness; the wait for the slot itself is not in it). The engine keeps its stream list private; a load
/// harness reading it by reflection is cheaper than a public API nobody else needs.
/// </summary>
internal static class EngineLatencyFigures
{
    private static readonly FieldInfo s_streams = typeof(RtpEngine).GetField("_streams", BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw new InvalidOperationException("RtpEngine no longer has _streams; update the load harness");

    /// <summary>Clears every open stream's histograms (the start of a measured window; racy by a count or two, fine here).</summary>
    public static void Reset(RtpEngine engine)
    {
        foreach (RtpStream stream in Streams(engine))
        {
            stream.ReceiveLatency.Reset();
            stream.SendLatency.Reset();
        }
    }

    /// <summary>Sums every open stream's receive and send histograms.</summary>
    public static (LatencyHistogram Receive, LatencyHistogram Send) Collect(RtpEngine engine)
    {
        var receive = new LatencyHistogram(System.Diagnostics.Stopwatch.Frequency);
        var send = new LatencyHistogram(System.Diagnostics.Stopwatch.Frequency);
        foreach (RtpStream stream in Streams(engine))
        {
            receive.Add(stream.ReceiveLatency);
            send.Add(stream.SendLatency);
        }

        return (receive, send);
    }

    /// <summary>Adds every open stream's pacer queue depth (complete frames waiting) to <paramref name="frames"/>.</summary>
    public static void SampleQueuedFrames(RtpEngine engine, HdrHistogram.LongHistogram frames)
    {
        foreach (RtpStream stream in Streams(engine))
        {
            frames.RecordValue(stream.QueuedFrames);
        }
    }

    /// <summary><c>p50 … p99 … p99.9 … mean …</c> in milliseconds.</summary>
    public static string Describe(LatencyHistogram histogram) => FormattableString.Invariant(
        $"p50 {histogram.GetPercentileMicroseconds(50) / 1000.0:0.000} ms, p99 {histogram.GetPercentileMicroseconds(99) / 1000.0:0.000} ms, p99.9 {histogram.GetPercentileMicroseconds(99.9) / 1000.0:0.000} ms, mean {histogram.MeanMicroseconds / 1000.0:0.000} ms ({histogram.Count} frames)");

    private static RtpStream[] Streams(RtpEngine engine) => (RtpStream[]?)s_streams.GetValue(engine) ?? [];
}
