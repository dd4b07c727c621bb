namespace Telepath.Silo.Storage;

/// <summary>One schema migration script: <c>deploy/sql/&lt;dialect&gt;/NNNN_name.sql</c>.</summary>
/// <param name="Version">The number prefix of the file name; scripts run in ascending order.</param>
/// <param name="Name">The file name without number prefix and extension, e.g. <c>orleans_storage</c>.</param>
/// <param name="Text">The SQL to run, possibly several statements.</param>
internal sealed record SqlScript(int Version, string Name, string Text);
