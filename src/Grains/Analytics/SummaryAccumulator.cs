using Telepath.Grains.Abstractions.Analytics;

namespace Telepath.Grains.Analytics;

/// <summary>Adds up buckets into one <see cref="AnalyticsSummary"/>.</summary>
internal sealed class SummaryAccumulator
{
    private readonly MetricAccumulator _aiLatency = new();
    private readonly MetricAccumulator _carrierLag = new();
    private readonly MetricAccumulator _gatewayProcessing = new();
    private readonly MetricAccumulator _jitter = new();
    private long _completed;
    private long _failed;
    private long _dropped;
    private long _durationCount;
    private double _durationSum;
    private long _lossCount;
    private double _lossSum;
    private long _mosCount;
    private double _mosSum;

    public void Add(StatsBucket bucket)
    {
        _completed += bucket.Completed;
        _failed += bucket.Failed;
        _dropped += bucket.Dropped;
        _durationCount += bucket.DurationCount;
        _durationSum += bucket.DurationSum;
        _lossCount += bucket.LossCount;
        _lossSum += bucket.LossSum;
        _mosCount += bucket.MosCount;
        _mosSum += bucket.MosSum;
        bucket.AiLatency.MergeInto(_aiLatency);
        bucket.CarrierLag.MergeInto(_carrierLag);
        bucket.GatewayProcessing.MergeInto(_gatewayProcessing);
        bucket.Jitter.MergeInto(_jitter);
    }

    public AnalyticsSummary ToSummary(DateTimeOffset from, DateTimeOffset to, int activeCalls)
    {
        var total = _completed + _failed + _dropped;
        return new AnalyticsSummary(
            from,
            to,
            total,
            _completed,
            _failed,
            _dropped,
            activeCalls,
            total == 0 ? null : Math.Round(100.0 * _completed / total, 2),
            Mean(_durationSum, _durationCount),
            _aiLatency.ToSummary(),
            _carrierLag.ToSummary(),
            _gatewayProcessing.ToSummary(),
            _jitter.ToSummary(),
            Mean(_lossSum, _lossCount),
            Mean(_mosSum, _mosCount));
    }

    private static double? Mean(double sum, long count) => count == 0 ? null : Math.Round(sum / count, 2);
}
