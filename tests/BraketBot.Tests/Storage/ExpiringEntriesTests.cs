using BraketBot.Storage;
using BraketBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace BraketBot.Tests.Storage;

/// <summary>One contract, both stores: entries written whole by key, none lost to a writer on another instance, gone once expired.</summary>
public sealed class ExpiringEntriesTests
{
    public static TheoryData<string> Stores()
    {
        var stores = new TheoryData<string> { "InMemory" };
        if (TestDatabase.Server is not null)
            stores.Add("PostgreSql");
        return stores;
    }

    /// <summary>Two instances' views of one store (one shared in-memory store, or two connections to one database).</summary>
    private sealed class Instances(IExpiringEntries a, IExpiringEntries b, FakeTimeProvider time, TestDatabase? database) : IAsyncDisposable
    {
        public IExpiringEntries A => a;
        public IExpiringEntries B => b;
        public FakeTimeProvider Time => time;

        public async Task AdvanceAsync(TimeSpan by)
        {
            time.Advance(by);
            if (database is not null)
                await database.AdvanceLeasesAsync(by);
        }

        public ValueTask DisposeAsync() => database?.DisposeAsync() ?? ValueTask.CompletedTask;
    }

    private static async Task<Instances> Open(string kind)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2022, 4, 10, 12, 0, 0, TimeSpan.Zero));
        if (kind == "InMemory")
        {
            var shared = new InMemoryExpiringEntries(time);
            return new Instances(shared, shared, time, null);
        }
        var database = await TestDatabase.CreateAsync();
        PostgresExpiringEntries Instance() =>
            new(new PostgresDatabase(database.ConnectionString, NullLogger<PostgresDatabase>.Instance), time);
        return new Instances(Instance(), Instance(), time, database);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Entries_written_at_once_on_two_instances_are_all_kept_each_replaced_whole_by_its_key(string kind)
    {
        await using var store = await Open(kind);
        var until = store.Time.GetUtcNow().AddHours(1);

        await Task.WhenAll(
            Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? store.A : store.B).PutAsync("viewers", $"U{i}", $"first {i}", until, default))
        );
        await store.B.PutAsync("viewers", "U7", "second 7", until, default);
        await store.A.PutAsync("runs", "U7", "another set", until, default);

        var viewers = await store.A.ListAsync("viewers", default);
        Assert.Equal(40, viewers.Count);
        Assert.Equal("second 7", viewers["U7"]);
        Assert.Equal("first 8", (await store.B.ListAsync("viewers", default))["U8"]);
        Assert.Equal("another set", Assert.Single(await store.B.ListAsync("runs", default)).Value);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task An_entry_is_gone_once_it_expires_and_a_new_word_keeps_it_longer(string kind)
    {
        await using var store = await Open(kind);
        var now = store.Time.GetUtcNow();
        await store.A.PutAsync("viewers", "U1", "one", now.AddMinutes(10), default);
        await store.A.PutAsync("viewers", "U2", "two", now.AddMinutes(10), default);
        await store.B.PutAsync("viewers", "U2", "two again", now.AddMinutes(30), default);

        await store.AdvanceAsync(TimeSpan.FromMinutes(20));

        Assert.Equal(["U2"], (await store.A.ListAsync("viewers", default)).Keys);
        await store.AdvanceAsync(TimeSpan.FromMinutes(20));
        Assert.Empty(await store.B.ListAsync("viewers", default));
    }
}
