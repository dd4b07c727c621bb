using Microsoft.Extensions.DependencyInjection;

namespace Telepath.Silo.Tests.Storage;

/// <summary>Orleans' ADO.NET reminder table on the embedded SQLite schema.</summary>
public sealed class SqliteReminderTableTests : IClassFixture<SqliteSiloFixture>
{
    private readonly SqliteSiloFixture _silo;

    public SqliteReminderTableTests(SqliteSiloFixture silo) => _silo = silo;

    private IReminderTable Table => _silo.Host.Services.GetRequiredService<IReminderTable>();

    [Fact]
    public Task Rows_round_trip_and_deletes_need_the_current_etag()
        => ReminderTableScenarios.Rows_round_trip_and_deletes_need_the_current_etag(Table, "reminder-rows");

    [Fact]
    public Task Range_reads_cover_both_sides_of_the_hash_ring()
        => ReminderTableScenarios.Range_reads_cover_both_sides_of_the_hash_ring(Table, "reminder-ring");

    [Fact]
    public Task Clearing_the_table_removes_every_row_of_the_service()
        => ReminderTableScenarios.Clearing_the_table_removes_every_row_of_the_service(Table, "reminder-clear");
}
