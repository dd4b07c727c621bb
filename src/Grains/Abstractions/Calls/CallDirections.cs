namespace Telepath.Grains.Abstractions.Calls;

/// <summary>The <c>direction</c> values of a call (spec §6).</summary>
public static class CallDirections
{
    /// <summary>A carrier called in.</summary>
    public const string Inbound = "inbound";

    /// <summary>Telepath dialled out (reserved until dialling out exists).</summary>
    public const string Outbound = "outbound";
}
