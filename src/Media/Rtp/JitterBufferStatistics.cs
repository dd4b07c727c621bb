namespace Telepath.Media.Rtp;

/// <summary>Counters of one <see cref="JitterBuffer"/>, read by the call's metrics.</summary>
/// <param name="Accepted">Packets stored.</param>
/// <param name="Released">Packets released in order.</param>
/// <param name="Reordered">Packets that arrived ahead of a missing predecessor.</param>
/// <param name="Duplicates">Duplicates dropped.</param>
/// <param name="Late">Packets dropped because their gap had already been skipped.</param>
/// <param name="Lost">Sequence numbers skipped as lost.</param>
/// <param name="Dropped">Packets dropped for size, suspected jumps or overflow.</param>
/// <param name="Restarts">Confirmed sequence restarts.</param>
internal readonly record struct JitterBufferStatistics(
    long Accepted, long Released, long Reordered, long Duplicates, long Late, long Lost, long Dropped, int Restarts);
