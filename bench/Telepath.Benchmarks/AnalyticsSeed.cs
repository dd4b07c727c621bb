using System.Collections;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Telepath.Grains.Abstractions.Calls;
using Telepath.Silo.Calls;
using Telepath.Silo.Storage;

namespace Telepath.Benchmarks;

/// <summary>
/// A SQLite data folder (on tmpfs when available) holding <c>count</c> call records of one account (10 trunks, the last 7 days), built once per
/// size and reused by later benchmark processes. Rows are generated on demand and inserted in one transaction.
/// </summary>
internal static class AnalyticsSeed
{
    /// <summary>The seeded account.</summary>
    public const string AccountId = "acct_01benchmarkaccount000000000";

    /// <summary>The seeded trunks.</summary>
    public static readonly string[] TrunkIds = [.. Enumerable.Range(0, 10).Select(i => "trunk_01benchmarktrunk0000000000" + i.ToString(CultureInfo.InvariantCulture))];

    /// <summary>Returns the data folder with <paramref name="count"/> calls, seeding it first if needed.</summary>
    public static async Task<string> EnsureAsync(int count)
    {
        // tmpfs when the machine has one: the numbers are about query plans and grain work, not the disk under them.
        var root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var folder = Path.Combine(root, "telepath-bench-calls-" + count.ToString(CultureInfo.InvariantCulture));
        var marker = Path.Combine(folder, "seeded");
        if (File.Exists(marker))
        {
            return folder;
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        var connectionString = SqliteConnectionStrings.ForDataDirectory(folder);
        await new SchemaMigrator(StorageMode.Sqlite, connectionString, TimeProvider.System, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        var store = new SqlCallStore(new TelepathDatabase(StorageMode.Sqlite, connectionString));
        var clock = Stopwatch.StartNew();
        await store.InsertManyAsync(new GeneratedCalls(count, DateTimeOffset.UtcNow), CancellationToken.None);
        Console.WriteLine($"// Seeded {count:N0} calls in {clock.Elapsed.TotalSeconds:F1} s (one transaction)");
        await File.WriteAllTextAsync(marker, DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        return folder;
    }

    /// <summary>Deterministic calls, made when indexed so a million never sit in memory at once.</summary>
    private sealed class GeneratedCalls(int count, DateTimeOffset now) : IReadOnlyList<CallRecord>
    {
        public int Count => count;

        public CallRecord this[int index]
        {
            get
            {
                // Spread evenly over the last 7 days; ids sort with start time.
                var start = now.AddMinutes(-7 * 24 * 60).AddMilliseconds(index * (7 * 24 * 3_600_000.0 / count));
                var status = (index % 20) switch
                {
                    0 => CallStatuses.Failed,
                    1 => CallStatuses.Dropped,
                    _ => CallStatuses.Completed,
                };
                var answered = status != CallStatuses.Failed;
                var answer = answered ? start.AddMilliseconds(150) : (DateTimeOffset?)null;
                var end = (answer ?? start).AddSeconds(answered ? 20 + (index % 300) : 0.2);
                var metrics = answered
                    ? new CallMetricsData(300 + (index * 7919 % 1500), null, 0.2 + (index % 50 / 100.0), null, 10 + (index % 90), 150, index % 7, index % 3 / 10.0, 4.3, 0)
                    : CallMetricsData.Empty;
                return new CallRecord(
                    "call_01" + index.ToString("D24", CultureInfo.InvariantCulture),
                    AccountId,
                    TrunkIds[index % TrunkIds.Length],
                    CallDirections.Inbound,
                    "+14155550100",
                    "+14155550199",
                    status,
                    answered ? "caller_hangup" : "auth_failed",
                    start,
                    answer,
                    end,
                    answered ? "PCMU" : null,
                    "twilio",
                    null,
                    null,
                    metrics,
                    [],
                    [],
                    false,
                    null,
                    end);
            }
        }

        public IEnumerator<CallRecord> GetEnumerator()
        {
            for (var i = 0; i < count; i++)
            {
                yield return this[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
