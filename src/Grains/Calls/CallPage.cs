using Telepath.Grains.Abstractions.Calls;

namespace Telepath.Grains.Calls;

/// <summary>One page of calls (without turns and SIP trace).</summary>
/// <param name="Items">The page.</param>
/// <param name="Total">Calls matching the filters.</param>
/// <param name="HasMore">True when more follow.</param>
/// <param name="Next">Where the next page starts, or null on the last one.</param>
public sealed record CallPage(IReadOnlyList<CallRecord> Items, long Total, bool HasMore, CallCursor? Next);
