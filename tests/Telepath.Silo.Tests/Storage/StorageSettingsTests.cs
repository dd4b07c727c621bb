using Microsoft.Data.Sqlite;
using Telepath.Silo.Storage;

namespace Telepath.Silo.Tests.Storage;

/// <summary><see cref="StorageSettings"/> and <see cref="SqliteConnectionStrings"/>.</summary>
public sealed class StorageSettingsTests
{
    [Fact]
    public void ToString_never_prints_the_connection_string()
    {
        var settings = new StorageSettings
        {
            Mode = StorageMode.Postgres,
            ConnectionString = "Host=db;Username=telepath;Password=hunter2",
        };

        var text = settings.ToString();

        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Host=db", text, StringComparison.Ordinal);
        Assert.Contains("Postgres", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_directory_connection_string_points_at_telepath_db_and_creates_the_folder()
    {
        using var root = new TemporaryDirectory();
        var dataDirectory = Path.Combine(root.Path, "nested", "data");

        var builder = new SqliteConnectionStringBuilder(SqliteConnectionStrings.ForDataDirectory(dataDirectory));

        Assert.True(Directory.Exists(dataDirectory));
        Assert.Equal(Path.Combine(dataDirectory, "telepath.db"), builder.DataSource);
        Assert.Equal(SqliteConnectionStrings.BusyTimeoutSeconds, builder.DefaultTimeout);
        Assert.Equal(SqliteCacheMode.Private, builder.Cache);
    }
}
