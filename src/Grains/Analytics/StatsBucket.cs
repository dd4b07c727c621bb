using Telepath.Grains.Abstractions.Analytics;
using Telepath.Grains.Abstractions.Calls;

namespace Telepath.Grains.Analytics;

/// <summary>The calls that ended in one minute or one hour: counts, sums and per-figure series.</summary>
[GenerateSerializer, Alias("telepath.StatsBucket")]
internal sealed class StatsBucket
{
    [Id(0)] public long Completed { get; set; }

    [Id(1)] public long Failed { get; set; }

    [Id(2)] public long Dropped { get; set; }

    [Id(3)] public long DurationCount { get; set; }

    [Id(4)] public double DurationSum { get; set; }

    [Id(5)] public long LossCount { get; set; }

    [Id(6)] public double LossSum { get; set; }

    [Id(7)] public long MosCount { get; set; }

    [Id(8)] public double MosSum { get; set; }

    [Id(9)] public MetricSeries AiLatency { get; set; } = new();

    [Id(10)] public MetricSeries CarrierLag { get; set; } = new();

    [Id(11)] public MetricSeries GatewayProcessing { get; set; } = new();

    [Id(12)] public MetricSeries Jitter { get; set; } = new();

    /// <summary>Counts one ended call.</summary>
    public void Add(CallStatsSample sample)
    {
        switch (sample.Status)
        {
            case CallStatuses.Completed:
                Completed++;
                break;
            case CallStatuses.Dropped:
                Dropped++;
                break;
            default:
                Failed++;
                break;
        }

        if (sample.DurationSeconds is { } duration)
        {
            DurationCount++;
            DurationSum += duration;
        }

        var metrics = sample.Metrics;
        if (metrics.PacketLossPercent is { } loss)
        {
            LossCount++;
            LossSum += loss;
        }

        if (metrics.Mos is { } mos)
        {
            MosCount++;
            MosSum += mos;
        }

        RecordIfPresent(AiLatency, metrics.AiLatencyMs);
        RecordIfPresent(CarrierLag, metrics.CarrierLagMs);
        RecordIfPresent(GatewayProcessing, metrics.GatewayProcessingMs);
        RecordIfPresent(Jitter, metrics.JitterMs);
    }

    /// <summary>Compresses the dense histograms before the bucket is persisted or left idle.</summary>
    public void Seal()
    {
        AiLatency.Seal();
        CarrierLag.Seal();
        GatewayProcessing.Seal();
        Jitter.Seal();
    }

    private static void RecordIfPresent(MetricSeries series, double? value)
    {
        if (value is { } ms)
        {
            series.Record(ms);
        }
    }
}
