using System.Text;
using Telepath.Silo.Storage;

namespace Telepath.Silo.Tests.Storage;

/// <summary>The embedded schema scripts: resource names, order, and the Orleans query keys they define.</summary>
public sealed class SqlScriptCatalogTests
{
    private static readonly string[] s_membershipKeys =
    [
        "UpdateIAmAlivetimeKey", "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",
    ];

    private static readonly string[] s_storageKeys = ["WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey"];

    private static readonly string[] s_reminderKeys =
    [
        "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "UpsertReminderRowKey", "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    [Fact]
    public void Scripts_are_embedded_as_Telepath_Sql_dialect_slash_file_name()
    {
        var names = typeof(SqlScriptCatalog).Assembly.GetManifestResourceNames();
        Assert.Contains("Telepath.Sql.postgresql/0001_orleans_query.sql", names);
        Assert.Contains("Telepath.Sql.sqlite/0001_orleans_query.sql", names);
    }

    [Theory]
    [InlineData(StorageMode.Sqlite)]
    [InlineData(StorageMode.Postgres)]
    public void Scripts_load_in_ascending_version_order_starting_at_one(StorageMode mode)
    {
        var scripts = SqlScriptCatalog.Load(SqlDialect.For(mode));
        Assert.NotEmpty(scripts);
        Assert.Equal(1, scripts[0].Version);
        Assert.Equal("orleans_query", scripts[0].Name);
        for (var i = 1; i < scripts.Count; i++)
        {
            Assert.True(scripts[i].Version > scripts[i - 1].Version);
            Assert.False(string.IsNullOrWhiteSpace(scripts[i].Text));
        }
    }

    [Fact]
    public void Postgres_scripts_define_every_membership_storage_and_reminder_query_key()
    {
        var all = Concatenate(StorageMode.Postgres);
        foreach (var key in s_membershipKeys.Concat(s_storageKeys).Concat(s_reminderKeys))
        {
            Assert.Contains($"('{key}',", all, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Sqlite_scripts_define_every_storage_and_reminder_query_key()
    {
        var all = Concatenate(StorageMode.Sqlite);
        foreach (var key in s_storageKeys.Concat(s_reminderKeys))
        {
            Assert.Contains($"('{key}',", all, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("0001_orleans_query.sql", 1, "orleans_query")]
    [InlineData("0042_call_store.sql", 42, "call_store")]
    public void File_names_parse_into_version_and_name(string fileName, int version, string name)
        => Assert.Equal((version, name), SqlScriptCatalog.ParseFileName(fileName));

    [Theory]
    [InlineData("orleans_query.sql")]
    [InlineData("0001-orleans.sql")]
    [InlineData("0000_zero.sql")]
    [InlineData("0001_.sql")]
    [InlineData("0001_name.txt")]
    [InlineData("-001_name.sql")]
    public void Malformed_file_names_are_refused(string fileName)
        => Assert.Throws<InvalidOperationException>(() => SqlScriptCatalog.ParseFileName(fileName));

    private static string Concatenate(StorageMode mode)
    {
        var builder = new StringBuilder();
        foreach (var script in SqlScriptCatalog.Load(SqlDialect.For(mode)))
        {
            builder.AppendLine(script.Text);
        }

        return builder.ToString();
    }
}
