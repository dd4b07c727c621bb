namespace Telepath.Grains.Calls;

/// <summary>
/// A keyset position in a sorted call list: the sort value and id of the last call served. The next page is
/// everything strictly after it in (value, id) order, so calls created meanwhile never shift a walk.
/// </summary>
/// <param name="Value">The last call's sort value (start time in Unix milliseconds, or the metric with null as -1).</param>
/// <param name="Id">The last call's id (the tie-breaker).</param>
public sealed record CallCursor(double Value, string Id);
