using Telepath.Grains.Abstractions.Analytics;

namespace Telepath.Grains.Analytics;

/// <summary>
/// The arithmetic of the analytics grains over a <see cref="CallStatsState"/>, kept free of Orleans so it can be tested
/// alone. A call counts in the minute and hour in which it ended: only then are its figures final.
/// </summary>
internal sealed class CallStatsBook
{
    /// <summary>How long minute buckets are kept.</summary>
    public static readonly TimeSpan MinuteRetention = TimeSpan.FromHours(48);

    /// <summary>How long hour buckets are kept.</summary>
    public static readonly TimeSpan HourRetention = TimeSpan.FromDays(90);

    /// <summary>Most buckets one timeseries answer may hold.</summary>
    public const int MaxPoints = 1500;

    private const int MaxEndedEarly = 1024;
    private const long MinuteMs = 60_000;
    private const long HourMs = 3_600_000;
    private const long DayMs = 86_400_000;

    // One-way messages may overtake each other: an end seen before its start must not leave the call "active".
    private readonly HashSet<string> _endedEarly = [];

    public CallStatsBook(CallStatsState state)
    {
        State = state;
    }

    public CallStatsState State { get; }

    public void Start(string callId, string trunkId)
    {
        State.TrunkIds.Add(trunkId);
        if (!_endedEarly.Remove(callId))
        {
            State.ActiveCalls.Add(callId);
        }
    }

    public void End(CallStatsSample sample, DateTimeOffset now)
    {
        State.TrunkIds.Add(sample.TrunkId);
        Forget(sample.CallId);
        Record(sample, now);
    }

    /// <summary>The call is no longer live (its end was already counted, e.g. by a rebuild).</summary>
    public void Forget(string callId)
    {
        if (!State.ActiveCalls.Remove(callId) && _endedEarly.Count < MaxEndedEarly)
        {
            _endedEarly.Add(callId);
        }
    }

    /// <summary>Counts an ended call in its buckets, unless they are past retention.</summary>
    public void Record(CallStatsSample sample, DateTimeOffset now)
    {
        var endedMs = sample.EndedAt.ToUnixTimeMilliseconds();
        var nowMs = now.ToUnixTimeMilliseconds();
        if (endedMs >= nowMs - (long)MinuteRetention.TotalMilliseconds)
        {
            Bucket(State.Minutes, Math.DivRem(endedMs, MinuteMs).Quotient).Add(sample);
        }

        if (endedMs >= nowMs - (long)HourRetention.TotalMilliseconds)
        {
            Bucket(State.Hours, Math.DivRem(endedMs, HourMs).Quotient).Add(sample);
        }
    }

    /// <summary>Drops buckets past retention.</summary>
    public void Prune(DateTimeOffset now)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var oldestMinute = (nowMs - (long)MinuteRetention.TotalMilliseconds) / MinuteMs;
        var oldestHour = (nowMs - (long)HourRetention.TotalMilliseconds) / HourMs;
        foreach (var key in State.Minutes.Keys.Where(k => k < oldestMinute).ToList())
        {
            State.Minutes.Remove(key);
        }

        foreach (var key in State.Hours.Keys.Where(k => k < oldestHour).ToList())
        {
            State.Hours.Remove(key);
        }
    }

    /// <summary>Compresses every dense histogram (before persisting).</summary>
    public void SealAll()
    {
        foreach (var bucket in State.Minutes.Values)
        {
            bucket.Seal();
        }

        foreach (var bucket in State.Hours.Values)
        {
            bucket.Seal();
        }
    }

    /// <summary>
    /// Calls that ended in buckets starting within [<paramref name="from"/>, <paramref name="to"/>]: whole hours from
    /// hour buckets, the ragged edges from minute buckets (hour buckets when minutes are past retention).
    /// </summary>
    public AnalyticsSummary Summarize(DateTimeOffset from, DateTimeOffset to)
    {
        var accumulator = new SummaryAccumulator();
        AddRange(accumulator, from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds());
        return accumulator.ToSummary(from, to, State.ActiveCalls.Count);
    }

    /// <summary>One summary per <paramref name="interval"/> bucket from the one holding <paramref name="from"/> to <paramref name="to"/>.</summary>
    public IReadOnlyList<AnalyticsSummary> Timeseries(DateTimeOffset from, DateTimeOffset to, AnalyticsInterval interval)
    {
        var width = interval switch
        {
            AnalyticsInterval.Minute => MinuteMs,
            AnalyticsInterval.Hour => HourMs,
            _ => DayMs,
        };
        var points = new List<AnalyticsSummary>();
        var toMs = to.ToUnixTimeMilliseconds();
        for (var start = Math.DivRem(from.ToUnixTimeMilliseconds(), width).Quotient * width; start <= toMs && points.Count < MaxPoints; start += width)
        {
            var accumulator = new SummaryAccumulator();
            AddRange(accumulator, start, start + width - 1);
            var active = start + width > toMs ? State.ActiveCalls.Count : 0;
            points.Add(accumulator.ToSummary(DateTimeOffset.FromUnixTimeMilliseconds(start), DateTimeOffset.FromUnixTimeMilliseconds(start + width - 1), active));
        }

        return points;
    }

    /// <summary>Spec §5 trunk <c>metrics</c>.</summary>
    public TrunkMetricsView TrunkMetrics(DateTimeOffset now)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var today = new SummaryAccumulator();
        AddRange(today, nowMs / DayMs * DayMs, nowMs);
        var todaySummary = today.ToSummary(now, now, State.ActiveCalls.Count);
        long latencyCount = 0;
        double latencySum = 0;
        var weekAgoHour = (nowMs - (7 * DayMs)) / HourMs;
        foreach (var (hour, bucket) in State.Hours)
        {
            if (hour >= weekAgoHour)
            {
                latencyCount += bucket.AiLatency.Count;
                latencySum += bucket.AiLatency.Sum;
            }
        }

        return new TrunkMetricsView(
            todaySummary.TotalCalls,
            todaySummary.SuccessRate,
            latencyCount == 0 ? null : Math.Round(latencySum / latencyCount, 2),
            State.ActiveCalls.Count);
    }

    private void AddRange(SummaryAccumulator accumulator, long fromMs, long toMs)
    {
        if (toMs < fromMs)
        {
            return;
        }

        for (var hour = Math.DivRem(fromMs, HourMs).Quotient; hour * HourMs <= toMs; hour++)
        {
            var hourStart = hour * HourMs;
            var hourEnd = hourStart + HourMs - 1;
            var whole = hourStart >= fromMs && hourEnd <= toMs;
            var haveMinutes = HasMinutesFor(hour);
            if (whole || !haveMinutes)
            {
                // Whole hour, or minutes already gone: the hour bucket counts when it starts inside the window.
                if ((whole || hourStart >= fromMs) && State.Hours.TryGetValue(hour, out var hourBucket))
                {
                    accumulator.Add(hourBucket);
                }

                continue;
            }

            for (var minute = hour * 60; minute < (hour + 1) * 60; minute++)
            {
                var minuteStart = minute * MinuteMs;
                if (minuteStart >= fromMs && minuteStart <= toMs && State.Minutes.TryGetValue(minute, out var minuteBucket))
                {
                    accumulator.Add(minuteBucket);
                }
            }
        }
    }

    // Minute buckets exist for the hour when it is within minute retention of the newest data we hold.
    private bool HasMinutesFor(long hour)
    {
        if (!State.Hours.ContainsKey(hour))
        {
            return true;
        }

        for (var minute = hour * 60; minute < (hour + 1) * 60; minute++)
        {
            if (State.Minutes.ContainsKey(minute))
            {
                return true;
            }
        }

        return false;
    }

    private static StatsBucket Bucket(Dictionary<long, StatsBucket> buckets, long key)
    {
        if (!buckets.TryGetValue(key, out var bucket))
        {
            bucket = new StatsBucket();
            buckets.Add(key, bucket);
        }

        return bucket;
    }
}
