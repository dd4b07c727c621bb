namespace Telepath.Grains.Hosting;

/// <summary>
/// Names of the grain storage providers the silo registers. Grains name their provider with these
/// constants, e.g. <c>[PersistentState("trunk", StorageNames.Default)]</c>, never with a literal.
/// </summary>
/// <remarks>
/// Each grain class must use its own state name ("trunk", "apikey", "call", ...): the state name is
/// part of the stored row's identity, and two grains sharing a state name and a key would otherwise
/// address the same row.
/// </remarks>
public static class StorageNames
{
    /// <summary>
    /// The storage every Telepath grain persists its state in: SQLite in embedded mode, PostgreSQL in
    /// cluster mode. It is also registered as Orleans' default provider.
    /// </summary>
    public const string Default = "telepath";

    /// <summary>
    /// The name Orleans streams look up for their pub-sub subscription state; the silo maps it to the
    /// same storage as <see cref="Default"/>.
    /// </summary>
    public const string PubSub = "PubSubStore";
}
