namespace Telepath.Silo.Storage;

/// <summary>What <c>db status</c> reports: the applied scripts and the ones this program would apply.</summary>
/// <param name="Applied">Rows of <c>telepath_schema_version</c>, ascending by version.</param>
/// <param name="Pending">Embedded scripts not yet applied, in the order they would run.</param>
internal sealed record SchemaStatus(IReadOnlyList<AppliedScript> Applied, IReadOnlyList<SqlScript> Pending)
{
    /// <summary>The highest applied version, 0 for an empty database.</summary>
    public int CurrentVersion => Applied.Count == 0 ? 0 : Applied[^1].Version;

    /// <summary>True when no embedded script is pending.</summary>
    public bool IsUpToDate => Pending.Count == 0;
}
