using BraketBot.Braket;
using BraketBot.Storage;
using BraketBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace BraketBot.Tests.Storage;

/// <summary>One contract, both stores: what the in-memory store promises, PostgreSQL keeps across instances.</summary>
public sealed class StoreContractTests
{
    public static TheoryData<string> Stores()
    {
        var stores = new TheoryData<string> { "InMemory" };
        if (TestDatabase.Server is not null) stores.Add("PostgreSql");
        return stores;
    }

    private sealed class Store(IBotStore store, FakeTimeProvider time, IAsyncDisposable? database) : IAsyncDisposable
    {
        public IBotStore Value => store;
        public FakeTimeProvider Time => time;
        public ValueTask DisposeAsync() => database?.DisposeAsync() ?? ValueTask.CompletedTask;
    }

    private static async Task<Store> Open(string kind)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2022, 4, 10, 12, 0, 0, TimeSpan.Zero));
        if (kind == "InMemory") return new Store(new InMemoryBotStore(time), time, null);
        var database = await TestDatabase.CreateAsync();
        return new Store(new PostgresBotStore(new PostgresDatabase(database.ConnectionString, NullLogger<PostgresDatabase>.Instance), time), time, database);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_claim_is_granted_once_until_it_expires(string kind)
    {
        await using var store = await Open(kind);
        var until = store.Time.GetUtcNow().AddHours(1);

        Assert.True(await store.Value.TryClaimAsync("event:1", until, default));
        Assert.False(await store.Value.TryClaimAsync("event:1", until, default));
        Assert.True(await store.Value.TryClaimAsync("event:2", until, default));
        store.Time.Advance(TimeSpan.FromHours(2));
        Assert.True(await store.Value.TryClaimAsync("event:1", store.Time.GetUtcNow().AddHours(1), default));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Twenty_claimants_at_once_get_one_yes(string kind)
    {
        await using var store = await Open(kind);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            store.Value.TryClaimAsync("alert:2022-04-10:account:Shots:Breach", store.Time.GetUtcNow().AddDays(1), default))));

        Assert.Single(answers, a => a);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Keeps_values(string kind)
    {
        await using var store = await Open(kind);

        Assert.Null(await store.Value.GetValueAsync("alert-ts:x", default));
        await store.Value.SetValueAsync("alert-ts:x", "1700000000.000001", default);
        await store.Value.SetValueAsync("alert-ts:x", "1700000000.000002", default);

        Assert.Equal("1700000000.000002", await store.Value.GetValueAsync("alert-ts:x", default));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_lease_has_one_holder_until_released_or_expired(string kind)
    {
        await using var store = await Open(kind);
        var lease = TimeSpan.FromMinutes(15);

        Assert.True(await store.Value.TryAcquireLeaseAsync("cancel-run:a", lease, default));
        Assert.False(await store.Value.TryAcquireLeaseAsync("cancel-run:a", lease, default));
        Assert.True(await store.Value.TryAcquireLeaseAsync("cancel-run:b", lease, default));
        await store.Value.ReleaseLeaseAsync("cancel-run:a", default);
        Assert.True(await store.Value.TryAcquireLeaseAsync("cancel-run:a", lease, default));
        store.Time.Advance(TimeSpan.FromMinutes(16));
        Assert.True(await store.Value.TryAcquireLeaseAsync("cancel-run:a", lease, default));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Runs_coalesce_to_one_in_flight_and_one_pending(string kind)
    {
        await using var store = await Open(kind);
        var lease = TimeSpan.FromMinutes(5);

        var starts = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => store.Value.BeginRunAsync("evaluate:x", lease, default))));

        Assert.Single(starts, s => s == RunStart.Started);
        Assert.True(await store.Value.EndRunAsync("evaluate:x", lease, default));   // asked again: once more
        Assert.False(await store.Value.EndRunAsync("evaluate:x", lease, default));  // nobody asked since: done
        Assert.Equal(RunStart.Started, await store.Value.BeginRunAsync("evaluate:x", lease, default));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_run_whose_holder_died_is_taken_over_after_its_lease(string kind)
    {
        await using var store = await Open(kind);

        Assert.Equal(RunStart.Started, await store.Value.BeginRunAsync("evaluate:y", TimeSpan.FromMinutes(5), default));
        store.Time.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(RunStart.Started, await store.Value.BeginRunAsync("evaluate:y", TimeSpan.FromMinutes(5), default));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Remembers_the_tasks_events_told_of_by_day(string kind)
    {
        await using var store = await Open(kind);
        var task = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 50, store.Time.GetUtcNow());

        await store.Value.RememberTaskAsync("2022-04-10", task, default);
        await store.Value.RememberTaskAsync("2022-04-10", task with { Status = QuantumTaskStatus.Queued }, default);
        await store.Value.RememberTaskAsync("2022-04-13", Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 1, store.Time.GetUtcNow()), default);

        Assert.Empty(await store.Value.RememberedTasksAsync("2022-04-10", default)); // three days on, dropped
        await store.Value.RememberTaskAsync("2022-04-13", task, default);
        var remembered = Assert.Single(await store.Value.RememberedTasksAsync("2022-04-13", default), t => t.QuantumTaskArn == task.QuantumTaskArn);
        Assert.Equal(task, remembered);
    }
}
