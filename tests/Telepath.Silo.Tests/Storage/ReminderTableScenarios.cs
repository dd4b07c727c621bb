using Orleans.Runtime;

namespace Telepath.Silo.Tests.Storage;

/// <summary>
/// Reminder-table contract checks through Orleans' own ADO.NET <see cref="IReminderTable"/> of a
/// started silo, shared by the SQLite and PostgreSQL test classes. They exercise every reminder
/// query key, including the ones a short test run never triggers through grains.
/// </summary>
internal static class ReminderTableScenarios
{
    public static async Task Rows_round_trip_and_deletes_need_the_current_etag(IReminderTable table, string key)
    {
        var grain = GrainId.Create("probe", key);
        var start = new DateTime(2026, 3, 1, 12, 0, 0, 123, DateTimeKind.Utc);
        var shortEtag = await table.UpsertRow(Entry(grain, "short", start, TimeSpan.FromMinutes(5)));

        // 40 days in milliseconds does not fit an int32: the Period column must be 64-bit.
        await table.UpsertRow(Entry(grain, "long", start, TimeSpan.FromDays(40)));

        var row = await table.ReadRow(grain, "short");
        Assert.NotNull(row);
        Assert.NotNull(shortEtag);
        Assert.Equal(shortEtag, row.ETag);
        Assert.Equal(start, row.StartAt);
        Assert.Equal(TimeSpan.FromMinutes(5), row.Period);
        Assert.Equal(grain, row.GrainId);

        var rows = await table.ReadRows(grain);
        Assert.Equal(2, rows.Reminders.Count);
        Assert.Equal(TimeSpan.FromDays(40), rows.Reminders.Single(r => r.ReminderName == "long").Period);

        var updatedEtag = await table.UpsertRow(Entry(grain, "short", start, TimeSpan.FromMinutes(10)));
        Assert.NotNull(updatedEtag);
        Assert.NotEqual(shortEtag, updatedEtag);
        Assert.False(await table.RemoveRow(grain, "short", shortEtag));
        Assert.True(await table.RemoveRow(grain, "short", updatedEtag));
        Assert.Equal("long", Assert.Single((await table.ReadRows(grain)).Reminders).ReminderName);
    }

    public static async Task Range_reads_cover_both_sides_of_the_hash_ring(IReminderTable table, string keyPrefix)
    {
        var grains = new List<GrainId>();
        for (var i = 0; i < 4; i++)
        {
            var grain = GrainId.Create("probe", $"{keyPrefix}-{i}");
            grains.Add(grain);
            await table.UpsertRow(Entry(grain, "ring", DateTime.UtcNow, TimeSpan.FromMinutes(1)));
        }

        foreach (var grain in grains)
        {
            var hash = grain.GetUniformHashCode();

            // (hash - 1, hash] holds this grain: the non-wrapping query.
            var narrow = await table.ReadRows(unchecked(hash - 1), hash);
            Assert.Contains(narrow.Reminders, r => r.GrainId == grain);

            // (hash, hash - 1] is the whole ring but this one point: the wrap-around query.
            var wrapped = await table.ReadRows(hash, unchecked(hash - 1));
            Assert.DoesNotContain(wrapped.Reminders, r => r.GrainId == grain);
            foreach (var other in grains)
            {
                if (other != grain && other.GetUniformHashCode() != hash)
                {
                    Assert.Contains(wrapped.Reminders, r => r.GrainId == other);
                }
            }
        }
    }

    public static async Task Clearing_the_table_removes_every_row_of_the_service(IReminderTable table, string key)
    {
        var grain = GrainId.Create("probe", key);
        await table.UpsertRow(Entry(grain, "doomed", DateTime.UtcNow, TimeSpan.FromMinutes(1)));
        await table.TestOnlyClearTable();
        Assert.Empty((await table.ReadRows(grain)).Reminders);
    }

    private static ReminderEntry Entry(GrainId grain, string name, DateTime start, TimeSpan period) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = start,
        Period = period,
    };
}
