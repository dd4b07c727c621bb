namespace Telepath.Grains.Hosting;

/// <summary>Names of the Orleans storage providers grains persist through.</summary>
public static class StorageNames
{
    /// <summary>The grain-state provider (SQLite embedded, PostgreSQL in cluster mode).</summary>
    public const string Default = "telepath";

    /// <summary>The provider Orleans streams keep their subscriptions in.</summary>
    public const string PubSub = "PubSubStore";
}
