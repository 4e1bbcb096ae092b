using BraketBot.Storage;
using BraketBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace BraketBot.Tests.Storage;

/// <summary>One contract, both stores: entries written whole by key, none lost to another instance's writer, gone once expired.</summary>
public sealed class ExpiringEntriesTests
{
    private static readonly DateTimeOffset Noon = new(2022, 4, 10, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Stores()
    {
        var stores = new TheoryData<string> { "InMemory" };
        if (TestDatabase.Server is not null)
            stores.Add("PostgreSql");
        return stores;
    }

    /// <summary>
    /// Two instances' views of one store (one shared in-memory store, or two connections to one database), and how time
    /// passes for them: for the host's clock and, with PostgreSQL, for the database's, which times the expiries.
    /// </summary>
    private static async Task<(IExpiringEntries A, IExpiringEntries B, Func<TimeSpan, Task> Advance, TestDatabase? Database)> Open(
        string kind,
        FakeTimeProvider time
    )
    {
        if (kind == "InMemory")
        {
            var shared = new InMemoryExpiringEntries(time);
            return (shared, shared, by => Task.Run(() => time.Advance(by)), null);
        }
        var database = await TestDatabase.CreateAsync();
        PostgresExpiringEntries Instance() =>
            new(new PostgresDatabase(database.ConnectionString, NullLogger<PostgresDatabase>.Instance), time);
        return (
            Instance(),
            Instance(),
            by =>
            {
                time.Advance(by);
                return database.AdvanceLeasesAsync(by);
            },
            database
        );
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Entries_written_at_once_on_two_instances_are_all_kept_each_replaced_whole_by_its_key(string kind)
    {
        var time = new FakeTimeProvider(Noon);
        var (a, b, _, database) = await Open(kind, time);
        await using var dropped = database;
        var until = time.GetUtcNow().AddHours(1);

        await Task.WhenAll(
            Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? a : b).PutAsync("viewers", $"U{i}", $"first {i}", until, default))
        );
        await b.PutAsync("viewers", "U7", "second 7", until, default);
        await a.PutAsync("runs", "U7", "another set", until, default);

        var viewers = await a.ListAsync("viewers", default);
        Assert.Equal(40, viewers.Count);
        Assert.Equal("second 7", viewers["U7"]);
        Assert.Equal("first 8", (await b.ListAsync("viewers", default))["U8"]);
        Assert.Equal("another set", Assert.Single(await b.ListAsync("runs", default)).Value);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task An_entry_is_gone_once_it_expires_and_a_new_word_keeps_it_longer(string kind)
    {
        var time = new FakeTimeProvider(Noon);
        var (a, b, advance, database) = await Open(kind, time);
        await using var dropped = database;
        var now = time.GetUtcNow();
        await a.PutAsync("viewers", "U1", "one", now.AddMinutes(10), default);
        await a.PutAsync("viewers", "U2", "two", now.AddMinutes(10), default);
        await b.PutAsync("viewers", "U2", "two again", now.AddMinutes(30), default);

        await advance(TimeSpan.FromMinutes(20));

        Assert.Equal(["U2"], (await a.ListAsync("viewers", default)).Keys);
        await advance(TimeSpan.FromMinutes(20));
        Assert.Empty(await b.ListAsync("viewers", default));
    }
}
