using HdrHistogram;

namespace Telepath.Load;

/// <summary>The figures both relay scenarios print: packet totals, loss, and a delay distribution.</summary>
internal static class RelayReport
{
    /// <summary>Packets sent and echoed back, over every peer.</summary>
    public static (long Sent, long Received) Totals(IEnumerable<RtpPeer> peers)
    {
        long sent = 0;
        long received = 0;
        foreach (RtpPeer peer in peers)
        {
            sent += peer.Sent;
            received += peer.Received;
        }

        return (sent, received);
    }

    /// <summary><c>packets/s (in+out) … loss … %</c>.</summary>
    public static string Traffic(long sent, long received, double seconds) => FormattableString.Invariant(
        $"{(sent + received) / seconds:0}   sent {sent}, echoed {received}, loss {(sent == 0 ? 0 : 100.0 * (sent - received) / sent):0.000} %");

    /// <summary><c>p50 … p99 … p99.9 … max …</c> of a microsecond histogram, in milliseconds.</summary>
    public static string Delay(HistogramBase microseconds) => FormattableString.Invariant(
        $"p50 {microseconds.GetValueAtPercentile(50) / 1000.0:0.000} ms, p99 {microseconds.GetValueAtPercentile(99) / 1000.0:0.000} ms, p99.9 {microseconds.GetValueAtPercentile(99.9) / 1000.0:0.000} ms, max {microseconds.GetMaxValue() / 1000.0:0.000} ms");
}
