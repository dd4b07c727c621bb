namespace Telepath.Silo.Storage;

/// <summary>A row of <c>telepath_schema_version</c>: a script that was applied to the database.</summary>
/// <param name="Version">The script's version number.</param>
/// <param name="Name">The script's name as it was when applied.</param>
/// <param name="AppliedAt">When it was applied (UTC).</param>
internal sealed record AppliedScript(int Version, string Name, DateTimeOffset AppliedAt);
