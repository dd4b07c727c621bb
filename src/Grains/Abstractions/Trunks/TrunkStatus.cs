namespace Telepath.Grains.Abstractions.Trunks;

/// <summary>A trunk's status (spec §5).</summary>
[GenerateSerializer, Alias("telepath.TrunkStatus")]
public enum TrunkStatus
{
    /// <summary>Calls are taken.</summary>
    Active = 0,

    /// <summary>Set by the user: calls are refused.</summary>
    Inactive = 1,

    /// <summary>Set by the system when the agent cannot be reached; clears on the next good call. Calls are still taken.</summary>
    Error = 2,
}
