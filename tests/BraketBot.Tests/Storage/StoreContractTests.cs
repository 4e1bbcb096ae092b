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
    public async Task Guards_coalesce_to_one_holder_and_one_pending(string kind)
    {
        await using var store = await Open(kind);
        var lease = TimeSpan.FromMinutes(5);

        var starts = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => store.Value.BeginGuardAsync("evaluate:x", $"owner-{i}", lease, default))));

        Assert.Single(starts, s => s == RunStart.Started);
        var holder = $"owner-{Array.IndexOf(starts, RunStart.Started)}";
        Assert.False(await store.Value.EndGuardAsync("evaluate:x", "someone-else", lease, default)); // only the holder ends its turn
        Assert.True(await store.Value.EndGuardAsync("evaluate:x", holder, lease, default));   // asked again: once more
        Assert.False(await store.Value.EndGuardAsync("evaluate:x", holder, lease, default));  // nobody asked since: done
        Assert.Equal(RunStart.Started, await store.Value.BeginGuardAsync("evaluate:x", "next", lease, default));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_guard_is_renewed_and_released_only_by_its_owner_and_taken_over_once_expired(string kind)
    {
        await using var store = await Open(kind);
        var lease = TimeSpan.FromMinutes(1);

        Assert.Equal(RunStart.Started, await store.Value.BeginGuardAsync("evaluate:y", "a", lease, default));
        Assert.False(await store.Value.TryTakeGuardAsync("evaluate:y", "b", lease, default));
        Assert.True(await store.Value.TryTakeGuardAsync("evaluate:y", "a", lease, default)); // a retried job of the holder
        Assert.False(await store.Value.RenewGuardAsync("evaluate:y", "b", lease, default));
        await store.Value.ReleaseGuardAsync("evaluate:y", "b", default); // not b's: nothing happens
        Assert.False(await store.Value.TryTakeGuardAsync("evaluate:y", "b", lease, default));
        store.Time.Advance(TimeSpan.FromSeconds(50));
        Assert.True(await store.Value.RenewGuardAsync("evaluate:y", "a", lease, default));
        store.Time.Advance(TimeSpan.FromSeconds(50));
        Assert.False(await store.Value.TryTakeGuardAsync("evaluate:y", "b", lease, default)); // renewed: still a's
        store.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.True(await store.Value.TryTakeGuardAsync("evaluate:y", "b", lease, default));  // a died
        Assert.False(await store.Value.RenewGuardAsync("evaluate:y", "a", lease, default));   // and a knows it lost
    }

    private static EnforcementRun Run(string id, DateTimeOffset now) => new()
    {
        Id = id,
        Kind = RunKind.CapAlert,
        Day = Day.Of(now, TimeZoneInfo.Utc),
        TimeZone = "UTC",
        CreatedAt = now,
        Deadline = now.AddMinutes(15),
        Tasks = [new RunTask(Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 10, now).QuantumTaskArn, Tasks.AspenArn, "Aspen-M-1", 10, 0.30m)],
    };

    private static Dictionary<string, DateTimeOffset> Claims(DateTimeOffset now, params string[] keys) => keys.ToDictionary(k => k, _ => now.AddHours(1));

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_run_is_created_with_its_claims_all_or_nothing(string kind)
    {
        await using var store = await Open(kind);
        var now = store.Time.GetUtcNow();
        var lease = TimeSpan.FromSeconds(30);

        Assert.True(await store.Value.TryCreateRunAsync(Run("r1", now), Claims(now, "alert:a", "cancel-task:1"), "host-a", lease, default));
        Assert.False(await store.Value.TryCreateRunAsync(Run("r2", now), Claims(now, "alert:b", "cancel-task:1"), "host-a", lease, default));

        Assert.Null(await store.Value.TryTakeRunAsync("r2", "host-b", lease, default));
        Assert.Empty(await store.Value.ClaimedAsync(["alert:b"], default)); // nothing of the failed run was kept
        Assert.Equal(["alert:a", "cancel-task:1"], (await store.Value.ClaimedAsync(["alert:a", "alert:b", "cancel-task:1"], default)).Order());
        await store.Value.ReleaseClaimsAsync(["cancel-task:1"], "r2", default); // not r2's: it stays
        Assert.False(await store.Value.TryCreateRunAsync(Run("r2", now), Claims(now, "alert:b", "cancel-task:1"), "host-a", lease, default));
        await store.Value.ReleaseClaimsAsync(["cancel-task:1"], "r1", default);
        Assert.True(await store.Value.TryCreateRunAsync(Run("r2", now), Claims(now, "alert:b", "cancel-task:1"), "host-a", lease, default));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Twenty_planners_of_the_same_alert_store_one_run(string kind)
    {
        await using var store = await Open(kind);
        var now = store.Time.GetUtcNow();

        var created = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            store.Value.TryCreateRunAsync(Run($"run-{i}", now), Claims(now, "alert:2022-04-10:account:Shots:Breach", $"cancel-task:{i % 3}"), $"host-{i}", TimeSpan.FromSeconds(30), default))));

        Assert.Single(created, c => c);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_run_stays_with_its_holder_while_renewed_and_is_resumed_from_where_it_was_saved_after_its_holder_dies(string kind)
    {
        await using var store = await Open(kind);
        var now = store.Time.GetUtcNow();
        var lease = TimeSpan.FromSeconds(30);
        var run = Run("r1", now);
        Assert.True(await store.Value.TryCreateRunAsync(run, new Dictionary<string, DateTimeOffset>(), "host-a", lease, default));

        Assert.Null(await store.Value.TryTakeRunAsync("r1", "host-b", lease, default));
        Assert.Empty(await store.Value.StalledRunsAsync(default));
        var progressed = run.With(run.Tasks[0].Arn, CancelResult.Cancelled, "cancelling") with { MessageTs = "1700000000.000001" };
        Assert.True(await store.Value.SaveRunAsync(progressed, "host-a", lease, default));
        store.Time.Advance(TimeSpan.FromSeconds(31)); // host-a died

        Assert.Equal(["r1"], await store.Value.StalledRunsAsync(default));
        var resumed = await store.Value.TryTakeRunAsync("r1", "host-b", lease, default);
        Assert.NotNull(resumed);
        Assert.Equal(("1700000000.000001", RunTaskState.Cancelled), (resumed.MessageTs, resumed.Tasks[0].State));
        Assert.False(await store.Value.SaveRunAsync(progressed, "host-a", lease, default)); // the old holder cannot write any more
        Assert.True(await store.Value.SaveRunAsync(resumed with { Finished = true }, "host-b", lease, default));
        store.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Empty(await store.Value.StalledRunsAsync(default));
        Assert.Null(await store.Value.TryTakeRunAsync("r1", "host-c", lease, default));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Remembers_the_tasks_events_told_of_by_day(string kind)
    {
        await using var store = await Open(kind);
        var task = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 50, store.Time.GetUtcNow());

        var day = Day.Parse("2022-04-10");
        await store.Value.RememberTaskAsync(day, task, default);
        await store.Value.RememberTaskAsync(day, task with { Status = QuantumTaskStatus.Queued }, default);
        await store.Value.RememberTaskAsync(day.AddDays(3), Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 1, store.Time.GetUtcNow()), default);

        Assert.Empty(await store.Value.RememberedTasksAsync(day, default)); // three days on, dropped
        await store.Value.RememberTaskAsync(day.AddDays(3), task, default);
        var remembered = Assert.Single(await store.Value.RememberedTasksAsync(day.AddDays(3), default), t => t.QuantumTaskArn == task.QuantumTaskArn);
        Assert.Equal(task, remembered);
    }
}
