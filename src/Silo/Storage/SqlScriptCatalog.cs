using System.Globalization;
using System.Reflection;

namespace Telepath.Silo.Storage;

/// <summary>
/// Loads the schema scripts embedded in this assembly. The silo's project file embeds
/// <c>deploy/sql/**/*.sql</c> with logical names <c>Telepath.Sql.&lt;dialect folder&gt;/&lt;file&gt;</c>,
/// e.g. <c>Telepath.Sql.postgresql/0001_orleans_query.sql</c>.
/// </summary>
internal static class SqlScriptCatalog
{
    /// <summary>The logical-name prefix shared by every embedded script.</summary>
    public const string ResourcePrefix = "Telepath.Sql.";

    /// <summary>Returns the embedded scripts of one dialect, ascending by version.</summary>
    /// <exception cref="InvalidOperationException">A file name is malformed or a version appears twice.</exception>
    public static IReadOnlyList<SqlScript> Load(SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        var assembly = typeof(SqlScriptCatalog).Assembly;
        var prefix = ResourcePrefix + dialect.ScriptFolder + "/";
        var scripts = new List<SqlScript>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = resource[prefix.Length..];
            var (version, name) = ParseFileName(fileName);
            scripts.Add(new SqlScript(version, name, ReadResource(assembly, resource)));
        }

        scripts.Sort(static (a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < scripts.Count; i++)
        {
            if (scripts[i].Version == scripts[i - 1].Version)
            {
                throw new InvalidOperationException(
                    $"Two {dialect.ScriptFolder} scripts share version {scripts[i].Version}: '{scripts[i - 1].Name}' and '{scripts[i].Name}'.");
            }
        }

        return scripts;
    }

    /// <summary>Splits <c>NNNN_name.sql</c> into its version number and name.</summary>
    internal static (int Version, string Name) ParseFileName(string fileName)
    {
        const string Extension = ".sql";
        var underscore = fileName.IndexOf('_', StringComparison.Ordinal);
        if (underscore <= 0
            || !fileName.EndsWith(Extension, StringComparison.Ordinal)
            || underscore + 1 >= fileName.Length - Extension.Length
            || !int.TryParse(fileName.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            || version <= 0)
        {
            throw new InvalidOperationException(
                $"Schema script '{fileName}' is not named NNNN_name.sql with a positive number.");
        }

        return (version, fileName[(underscore + 1)..^Extension.Length]);
    }

    private static string ReadResource(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource '{resource}' vanished.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
