namespace Telepath.Grains.Calls;

/// <summary>One page request of an account's calls: filters, order and paging.</summary>
public sealed record CallQuery
{
    /// <summary>The account; every query is scoped by it.</summary>
    public required string AccountId { get; init; }

    /// <summary>Only this trunk's calls.</summary>
    public string? TrunkId { get; init; }

    /// <summary>Only calls in this status.</summary>
    public string? Status { get; init; }

    /// <summary>Only calls in this direction.</summary>
    public string? Direction { get; init; }

    /// <summary>Only calls that started at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only calls that started at or before this time.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Only calls lasting at least this many seconds.</summary>
    public double? MinDurationSeconds { get; init; }

    /// <summary>Only calls whose AI latency is at least this many milliseconds.</summary>
    public double? MinAiLatencyMs { get; init; }

    /// <summary>The order.</summary>
    public CallSortField Sort { get; init; } = CallSortField.StartTime;

    /// <summary>True for largest first (the default).</summary>
    public bool Descending { get; init; } = true;

    /// <summary>Page size.</summary>
    public int Limit { get; init; } = 20;

    /// <summary>Rows to skip (offset paging).</summary>
    public int Offset { get; init; }

    /// <summary>Continue after this position (cursor paging), or null.</summary>
    public CallCursor? After { get; init; }
}
