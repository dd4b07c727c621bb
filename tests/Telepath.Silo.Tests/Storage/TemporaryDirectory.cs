namespace Telepath.Silo.Tests.Storage;

/// <summary>A fresh folder under the temp path, deleted on dispose.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    /// <summary>Creates the folder.</summary>
    public TemporaryDirectory() => Path = Directory.CreateTempSubdirectory("telepath-test-").FullName;

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a file still open elsewhere is left to the OS temp cleaner.
        }
    }
}
