using Orleans.Runtime;
using Orleans.Storage;

namespace Telepath.Silo.Tests.Storage;

/// <summary>
/// Storage contract checks run against the <c>"telepath"</c> provider of a started silo, shared by
/// the SQLite and PostgreSQL test classes so both schemas prove the same behaviour.
/// </summary>
internal static class GrainStorageScenarios
{
    private const string StateName = "probe";

    public static async Task Write_then_read_round_trips_state_and_etag(IGrainStorage storage, string key)
    {
        var id = GrainId.Create("probe", key);
        var written = new GrainState<ProbeState>(new ProbeState { Value = "hello", Counter = 7 });
        await storage.WriteStateAsync(StateName, id, written);
        Assert.NotNull(written.ETag);
        Assert.True(written.RecordExists);

        var read = new GrainState<ProbeState>();
        await storage.ReadStateAsync(StateName, id, read);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal("hello", read.State!.Value);
        Assert.Equal(7, read.State!.Counter);

        read.State!.Value = "again";
        await storage.WriteStateAsync(StateName, id, read);
        Assert.NotEqual(written.ETag, read.ETag);
    }

    public static async Task Stale_etag_write_is_rejected(IGrainStorage storage, string key)
    {
        var id = GrainId.Create("probe", key);
        var first = new GrainState<ProbeState>(new ProbeState { Value = "v1" });
        await storage.WriteStateAsync(StateName, id, first);
        var staleEtag = first.ETag;
        first.State!.Value = "v2";
        await storage.WriteStateAsync(StateName, id, first);

        var stale = new GrainState<ProbeState>(new ProbeState { Value = "lost update" }, staleEtag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, id, stale));

        var fresh = new GrainState<ProbeState>(new ProbeState { Value = "blind insert" });
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, id, fresh));

        var read = new GrainState<ProbeState>();
        await storage.ReadStateAsync(StateName, id, read);
        Assert.Equal("v2", read.State!.Value);
    }

    public static async Task Clear_then_read_gives_fresh_state_and_etags_stay_consistent(IGrainStorage storage, string key)
    {
        var id = GrainId.Create("probe", key);
        var state = new GrainState<ProbeState>(new ProbeState { Value = "doomed", Counter = 3 });
        await storage.WriteStateAsync(StateName, id, state);
        var beforeClear = state.ETag;

        await storage.ClearStateAsync(StateName, id, state);
        Assert.False(state.RecordExists);

        // The ETag held before the clear is now stale.
        var stale = new GrainState<ProbeState>(new ProbeState { Value = "resurrect" }, beforeClear);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, id, stale));

        var read = new GrainState<ProbeState>();
        await storage.ReadStateAsync(StateName, id, read);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Null(read.State!.Value);
        Assert.Equal(0, read.State!.Counter);

        // A writer that read "no record" may write again, which makes the clearing activation's
        // ETag stale.
        read.State!.Value = "reborn";
        await storage.WriteStateAsync(StateName, id, read);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, id, state));

        var reread = new GrainState<ProbeState>();
        await storage.ReadStateAsync(StateName, id, reread);
        Assert.Equal("reborn", reread.State!.Value);
        Assert.Equal(read.ETag, reread.ETag);

        // Clearing a state that was never written succeeds and leaves nothing to read.
        var never = new GrainState<ProbeState>();
        var neverId = GrainId.Create("probe", key + "-never");
        await storage.ClearStateAsync(StateName, neverId, never);
        var neverRead = new GrainState<ProbeState>();
        await storage.ReadStateAsync(StateName, neverId, neverRead);
        Assert.False(neverRead.RecordExists);
    }

    public static async Task Concurrent_writers_with_one_etag_have_exactly_one_winner(IGrainStorage storage, string key, int writers, int generations)
    {
        var id = GrainId.Create("probe", key);
        for (var generation = 0; generation < generations; generation++)
        {
            var current = new GrainState<ProbeState>();
            await storage.ReadStateAsync(StateName, id, current);
            var tasks = new Task[writers];
            var attempts = new GrainState<ProbeState>[writers];
            for (var i = 0; i < writers; i++)
            {
                attempts[i] = new GrainState<ProbeState>(new ProbeState { Value = $"g{generation}-w{i}", Counter = i }, current.ETag);
                var attempt = attempts[i];
                tasks[i] = Task.Run(() => storage.WriteStateAsync(StateName, id, attempt));
            }

            var winners = new List<int>();
            for (var i = 0; i < writers; i++)
            {
                try
                {
                    await tasks[i];
                    winners.Add(i);
                }
                catch (InconsistentStateException)
                {
                    // The expected outcome for every writer but one.
                }
            }

            Assert.Single(winners);
            var read = new GrainState<ProbeState>();
            await storage.ReadStateAsync(StateName, id, read);
            Assert.Equal($"g{generation}-w{winners[0]}", read.State!.Value);
            Assert.Equal(attempts[winners[0]].ETag, read.ETag);
        }
    }

    public static async Task Hex_looking_string_keys_do_not_collide(IGrainStorage storage, string prefix)
    {
        // Orleans' ADO.NET provider alone maps "beef", "0beef" and "00beef" to one integer key.
        string[] keys = ["beef", "0beef", "00beef", "123", "0123", "BEEF"];
        foreach (var key in keys)
        {
            var state = new GrainState<ProbeState>(new ProbeState { Value = "value of " + key });
            await storage.WriteStateAsync(StateName, GrainId.Create(prefix, key), state);
        }

        foreach (var key in keys)
        {
            var read = new GrainState<ProbeState>();
            await storage.ReadStateAsync(StateName, GrainId.Create(prefix, key), read);
            Assert.Equal("value of " + key, read.State!.Value);
        }
    }

    public static async Task Same_key_under_two_state_names_or_grain_types_does_not_collide(IGrainStorage storage, string key)
    {
        var probe = GrainId.Create("probe", key);
        var other = GrainId.Create("otherprobe", key);
        await storage.WriteStateAsync("first", probe, new GrainState<ProbeState>(new ProbeState { Value = "first" }));
        await storage.WriteStateAsync("second", probe, new GrainState<ProbeState>(new ProbeState { Value = "second" }));
        await storage.WriteStateAsync("first", other, new GrainState<ProbeState>(new ProbeState { Value = "other type" }));

        var first = new GrainState<ProbeState>();
        var second = new GrainState<ProbeState>();
        var otherType = new GrainState<ProbeState>();
        await storage.ReadStateAsync("first", probe, first);
        await storage.ReadStateAsync("second", probe, second);
        await storage.ReadStateAsync("first", other, otherType);
        Assert.Equal("first", first.State!.Value);
        Assert.Equal("second", second.State!.Value);
        Assert.Equal("other type", otherType.State!.Value);
    }
}
