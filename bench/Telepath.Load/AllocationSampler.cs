using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Telepath.Load;

/// <summary>
/// Samples the load process's allocations by type from the runtime's <c>GCAllocationTick</c> events (one per ~100 KB
/// allocated), so a report can name what feeds the garbage collector while calls run. Sampling, not tracing: the
/// figures are each type's share of the allocated bytes.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const string RuntimeSource = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private const int AllocationTickEventId = 10;

    private readonly ConcurrentDictionary<string, long> _bytesByType = new(StringComparer.Ordinal);
    private volatile bool _sampling;

    /// <summary>Starts counting.</summary>
    public void Start()
    {
        _bytesByType.Clear();
        _sampling = true;
    }

    /// <summary>Stops counting and returns the top types by sampled bytes.</summary>
    public IReadOnlyList<(string Type, double Share)> Stop(int top)
    {
        _sampling = false;
        long total = _bytesByType.Values.Sum();
        return total == 0
            ? []
            : [.. _bytesByType.OrderByDescending(static p => p.Value).Take(top).Select(p => (p.Key, (double)p.Value / total))];
    }

    /// <inheritdoc />
    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == RuntimeSource)
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    /// <inheritdoc />
    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_sampling || eventData.EventId != AllocationTickEventId || eventData.Payload is null || eventData.PayloadNames is null)
        {
            return;
        }

        int typeIndex = eventData.PayloadNames.IndexOf("TypeName");
        int amountIndex = eventData.PayloadNames.IndexOf("AllocationAmount64");
        if (typeIndex >= 0 && amountIndex >= 0 && eventData.Payload[typeIndex] is string type && eventData.Payload[amountIndex] is ulong amount)
        {
            _bytesByType.AddOrUpdate(type, (long)amount, (_, sum) => sum + (long)amount);
        }
    }
}
