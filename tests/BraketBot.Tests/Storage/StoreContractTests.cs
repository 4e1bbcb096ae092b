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
        if (TestDatabase.Server is not null)
            stores.Add("PostgreSql");
        return stores;
    }

    private sealed class Store(IBotStore store, FakeTimeProvider time, TestDatabase? database) : IAsyncDisposable
    {
        public IBotStore Value => store;
        public FakeTimeProvider Time => time;

        /// <summary>Time passes for the host and, with PostgreSQL, for the database, whose clock times every lease.</summary>
        public async Task AdvanceAsync(TimeSpan by)
        {
            time.Advance(by);
            if (database is not null)
                await database.AdvanceLeasesAsync(by);
        }

        public ValueTask DisposeAsync() => database?.DisposeAsync() ?? ValueTask.CompletedTask;
    }

    private static async Task<Store> Open(string kind)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2022, 4, 10, 12, 0, 0, TimeSpan.Zero));
        if (kind == "InMemory")
            return new Store(new InMemoryBotStore(time), time, null);
        var database = await TestDatabase.CreateAsync();
        return new Store(PostgresStore(database, time), time, database);
    }

    private static PostgresBotStore PostgresStore(TestDatabase database, TimeProvider time) =>
        new(new PostgresDatabase(database.ConnectionString, NullLogger<PostgresDatabase>.Instance), time);

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_claim_is_granted_once_until_it_expires(string kind)
    {
        await using var store = await Open(kind);
        var until = store.Time.GetUtcNow().AddHours(1);

        Assert.True(await store.Value.TryClaimAsync("event:1", until, default));
        Assert.False(await store.Value.TryClaimAsync("event:1", until, default));
        Assert.True(await store.Value.TryClaimAsync("event:2", until, default));
        await store.AdvanceAsync(TimeSpan.FromHours(2));
        Assert.True(await store.Value.TryClaimAsync("event:1", store.Time.GetUtcNow().AddHours(1), default));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Twenty_claimants_at_once_get_one_yes(string kind)
    {
        await using var store = await Open(kind);

        var answers = await Task.WhenAll(
            Enumerable
                .Range(0, 20)
                .Select(_ =>
                    Task.Run(() =>
                        store.Value.TryClaimAsync("alert:2022-04-10:account:Shots:Breach", store.Time.GetUtcNow().AddDays(1), default)
                    )
                )
        );

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

        var starts = await Task.WhenAll(
            Enumerable.Range(0, 20).Select(i => Task.Run(() => store.Value.BeginGuardAsync("evaluate:x", $"owner-{i}", lease, default)))
        );

        Assert.Single(starts, s => s == GuardOutcome.Started);
        var holder = $"owner-{Array.IndexOf(starts, GuardOutcome.Started)}";
        Assert.False(await store.Value.EndGuardAsync("evaluate:x", "someone-else", lease, default)); // only the holder ends its turn
        Assert.True(await store.Value.EndGuardAsync("evaluate:x", holder, lease, default)); // asked again: once more
        Assert.False(await store.Value.EndGuardAsync("evaluate:x", holder, lease, default)); // nobody asked since: done
        Assert.Equal(GuardOutcome.Started, await store.Value.BeginGuardAsync("evaluate:x", "next", lease, default));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_guard_is_renewed_and_released_only_by_its_owner_and_taken_over_once_expired(string kind)
    {
        await using var store = await Open(kind);
        var lease = TimeSpan.FromMinutes(1);

        Assert.Equal(GuardOutcome.Started, await store.Value.BeginGuardAsync("evaluate:y", "a", lease, default));
        Assert.False(await store.Value.TryTakeGuardAsync("evaluate:y", "b", lease, default));
        Assert.True(await store.Value.TryTakeGuardAsync("evaluate:y", "a", lease, default)); // a retried job of the holder
        Assert.False(await store.Value.RenewGuardAsync("evaluate:y", "b", lease, default));
        await store.Value.ReleaseGuardAsync("evaluate:y", "b", default); // not b's: nothing happens
        Assert.False(await store.Value.TryTakeGuardAsync("evaluate:y", "b", lease, default));
        await store.AdvanceAsync(TimeSpan.FromSeconds(50));
        Assert.True(await store.Value.RenewGuardAsync("evaluate:y", "a", lease, default));
        await store.AdvanceAsync(TimeSpan.FromSeconds(50));
        Assert.False(await store.Value.TryTakeGuardAsync("evaluate:y", "b", lease, default)); // renewed: still a's
        await store.AdvanceAsync(TimeSpan.FromMinutes(2));
        Assert.True(await store.Value.TryTakeGuardAsync("evaluate:y", "b", lease, default)); // a died
        Assert.False(await store.Value.RenewGuardAsync("evaluate:y", "a", lease, default)); // and a knows it lost
    }

    private static EnforcementRun Run(string id, DateTimeOffset now) =>
        new()
        {
            Id = id,
            Kind = RunKind.CapAlert,
            Day = Day.Of(now, TimeZoneInfo.Utc),
            TimeZone = "UTC",
            CreatedAt = now,
            Deadline = now.AddMinutes(15),
            Tasks =
            [
                new RunTask(
                    Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 10, now).QuantumTaskArn,
                    Tasks.AspenArn,
                    "Aspen-M-1",
                    10,
                    0.30m
                ),
            ],
        };

    private static Dictionary<string, DateTimeOffset> Claims(DateTimeOffset now, params string[] keys) =>
        keys.ToDictionary(k => k, _ => now.AddHours(1));

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_run_is_created_with_its_claims_all_or_nothing(string kind)
    {
        await using var store = await Open(kind);
        var now = store.Time.GetUtcNow();
        var lease = TimeSpan.FromSeconds(30);

        Assert.True(await store.Value.TryCreateRunAsync(Run("r1", now), Claims(now, "alert:a", "cancel-task:1"), "host-a", lease, default));
        Assert.False(
            await store.Value.TryCreateRunAsync(Run("r2", now), Claims(now, "alert:b", "cancel-task:1"), "host-a", lease, default)
        );

        Assert.Null(await store.Value.TryTakeRunAsync("r2", "host-b", lease, default));
        Assert.Empty(await store.Value.ClaimedAsync(["alert:b"], default)); // nothing of the failed run was kept
        Assert.Equal(
            ["alert:a", "cancel-task:1"],
            (await store.Value.ClaimedAsync(["alert:a", "alert:b", "cancel-task:1"], default)).Order()
        );
        await store.Value.ReleaseClaimsAsync(["cancel-task:1"], "r2", default); // not r2's: it stays
        Assert.False(
            await store.Value.TryCreateRunAsync(Run("r2", now), Claims(now, "alert:b", "cancel-task:1"), "host-a", lease, default)
        );
        await store.Value.ReleaseClaimsAsync(["cancel-task:1"], "r1", default);
        Assert.True(await store.Value.TryCreateRunAsync(Run("r2", now), Claims(now, "alert:b", "cancel-task:1"), "host-a", lease, default));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Twenty_planners_of_the_same_alert_store_one_run(string kind)
    {
        await using var store = await Open(kind);
        var now = store.Time.GetUtcNow();

        var created = await Task.WhenAll(
            Enumerable
                .Range(0, 20)
                .Select(i =>
                    Task.Run(() =>
                        store.Value.TryCreateRunAsync(
                            Run($"run-{i}", now),
                            Claims(now, "alert:2022-04-10:account:Shots:Breach", $"cancel-task:{i % 3}"),
                            $"host-{i}",
                            TimeSpan.FromSeconds(30),
                            default
                        )
                    )
                )
        );

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
        await store.AdvanceAsync(TimeSpan.FromSeconds(31)); // host-a died

        Assert.Equal(["r1"], await store.Value.StalledRunsAsync(default));
        var resumed = await store.Value.TryTakeRunAsync("r1", "host-b", lease, default);
        Assert.NotNull(resumed);
        Assert.Equal(("1700000000.000001", RunTaskState.Cancelled), (resumed.MessageTs, resumed.Tasks[0].State));
        Assert.False(await store.Value.SaveRunAsync(progressed, "host-a", lease, default)); // the old holder cannot write any more
        Assert.True(await store.Value.SaveRunAsync(resumed with { Finished = true }, "host-b", lease, default));
        await store.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Empty(await store.Value.StalledRunsAsync(default));
        Assert.Null(await store.Value.TryTakeRunAsync("r1", "host-c", lease, default));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_resumed_run_knows_which_tasks_are_still_unchecked_and_which_it_spared(string kind)
    {
        await using var store = await Open(kind);
        var now = store.Time.GetUtcNow();
        var lease = TimeSpan.FromSeconds(30);
        var reservation = new TaskOrigin("arn:aws:braket:us-west-1:111122223333:reservation/r-1", null);
        var task = Run("r1", now).Tasks[0];
        var (cancelled, reserved, left) = (task with { Arn = "t1" }, task with { Arn = "t2" }, task with { Arn = "t3" });
        var run = Run("r1", now) with { Tasks = [.. new[] { cancelled, reserved, left }.Select(t => t with { OriginUnchecked = true })] };
        Assert.True(await store.Value.TryCreateRunAsync(run, new Dictionary<string, DateTimeOffset>(), "host-a", lease, default));
        var progressed = run.OriginChecked("t1").With("t1", CancelResult.Cancelled, "cancelling").Spare("t2", reservation);
        Assert.True(await store.Value.SaveRunAsync(progressed, "host-a", lease, default));
        await store.AdvanceAsync(TimeSpan.FromSeconds(31)); // host-a died

        var resumed = await store.Value.TryTakeRunAsync("r1", "host-b", lease, default);

        Assert.NotNull(resumed);
        Assert.Equal(
            [("t1", RunTaskState.Cancelled, false), ("t3", RunTaskState.Pending, true)],
            resumed.Tasks.Select(t => (t.Arn, t.State, t.OriginUnchecked))
        );
        Assert.Equal([new SparedTasks(TaskBilling.Reserved, reservation.ReservationArn!, 1, 10)], resumed.Spared);
    }

    [Fact]
    public void A_run_stored_before_tasks_could_be_unchecked_loads_with_every_task_checked()
    {
        var stored = System.Text.Json.Nodes.JsonNode.Parse(RunJson.Serialize(Run("r1", DateTimeOffset.UtcNow)))!;
        var task = stored["tasks"]![0]!.AsObject();
        Assert.True(task.Remove("originUnchecked"), "the property is stored under this name");

        var loaded = RunJson.Deserialize(stored.ToJsonString());

        Assert.False(loaded.Tasks[0].OriginUnchecked);
        Assert.Single(loaded.Pending);
    }

    [PostgresFact]
    public async Task Hosts_whose_clocks_are_a_minute_apart_agree_on_every_lease_by_the_database_clock()
    {
        await using var database = await TestDatabase.CreateAsync();
        var start = new DateTimeOffset(2022, 4, 10, 12, 0, 0, TimeSpan.Zero);
        var slow = new FakeTimeProvider(start);
        var fast = new FakeTimeProvider(start.AddMinutes(1));
        var a = PostgresStore(database, slow);
        var b = PostgresStore(database, fast);
        var lease = TimeSpan.FromSeconds(30);

        // Host a, on the slow clock, holds a run with its claim, a guard and a claim of its own.
        Assert.True(await a.TryCreateRunAsync(Run("r1", start), Claims(start, "cancel-task:1"), "host-a", lease, default));
        Assert.True(await a.TryTakeGuardAsync("spending-limits:sync", "host-a", lease, default));
        Assert.True(await a.TryClaimAsync("event:1", start.AddSeconds(30), default));

        // Host b, a minute ahead, past every one of a's expiries by its own clock, finds them all live.
        Assert.Empty(await b.StalledRunsAsync(default));
        Assert.Null(await b.TryTakeRunAsync("r1", "host-b", lease, default));
        Assert.False(await b.TryTakeGuardAsync("spending-limits:sync", "host-b", lease, default));
        Assert.Equal(GuardOutcome.Queued, await b.BeginGuardAsync("spending-limits:sync", "host-b", lease, default));
        Assert.False(await b.TryClaimAsync("event:1", fast.GetUtcNow().AddSeconds(30), default));
        Assert.Equal(["cancel-task:1", "event:1"], (await b.ClaimedAsync(["cancel-task:1", "event:1"], default)).Order());
        Assert.True(await a.SaveRunAsync(Run("r1", start), "host-a", lease, default));

        // Once the database's clock passes the leases, another host takes them over, and the old holder knows it lost.
        await database.AdvanceLeasesAsync(TimeSpan.FromSeconds(31));
        Assert.Equal(["r1"], await b.StalledRunsAsync(default));
        Assert.NotNull(await b.TryTakeRunAsync("r1", "host-b", lease, default));
        Assert.False(await a.SaveRunAsync(Run("r1", start), "host-a", lease, default));
        Assert.True(await b.TryTakeGuardAsync("spending-limits:sync", "host-b", lease, default));
        Assert.False(await a.RenewGuardAsync("spending-limits:sync", "host-a", lease, default));
        Assert.True(await b.TryClaimAsync("event:1", fast.GetUtcNow().AddSeconds(30), default));
    }

    private static readonly Day Today = Day.Parse("2022-04-10");

    private static LedgerTask Seen(QuantumTaskSummary task, QuantumTaskStatus status, int second) =>
        new(task with { Status = status }, Day.Of(task.CreatedAt, TimeZoneInfo.Utc), task.CreatedAt.AddSeconds(second));

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task The_ledger_takes_news_out_of_order_and_twice_and_keeps_its_totals_in_step(string kind)
    {
        await using var store = await Open(kind);
        var task = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 50, store.Time.GetUtcNow().AddHours(-1));
        var other = Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 7, store.Time.GetUtcNow().AddHours(-1));

        var created = await store.Value.RecordAsync(
            [Seen(task, QuantumTaskStatus.Created, 0), Seen(other, QuantumTaskStatus.Queued, 0)],
            default
        );
        var completed = await store.Value.RecordAsync([Seen(task, QuantumTaskStatus.Completed, 30)], default);
        var lateQueued = await store.Value.RecordAsync([Seen(task, QuantumTaskStatus.Queued, 10)], default);
        var twice = await store.Value.RecordAsync(
            [Seen(task, QuantumTaskStatus.Completed, 30), Seen(other, QuantumTaskStatus.Queued, 0)],
            default
        );

        Assert.Equal(2, created.Count);
        Assert.Equal(
            (QuantumTaskStatus.Created, QuantumTaskStatus.Completed),
            (completed.Single().Before!.Task.Status, completed.Single().After!.Task.Status)
        );
        Assert.Empty(lateQueued); // a QUEUED that arrives after COMPLETED changes nothing
        Assert.Empty(twice);
        var row = Assert.Single(await store.Value.LedgerTasksAsync(Today, [QuantumTaskStatus.Completed], default));
        Assert.Equal((task.QuantumTaskArn, 50L, Today), (row.Task.QuantumTaskArn, row.Task.Shots, row.Day));
        Assert.Equal(2, (await store.Value.LedgerTasksAsync(Today, null, default)).Count);
        Assert.Equal(
            [$"{Tasks.AnkaaArn} QUEUED 1 7", $"{Tasks.AspenArn} COMPLETED 1 50"],
            (await store.Value.DayTotalsAsync(Today, Today, default))
                .Select(t => $"{t.DeviceArn} {t.Status.ToWire()} {t.Tally.Tasks} {t.Tally.Shots}")
                .Order()
        );
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Twenty_writers_of_one_task_leave_it_counted_once(string kind)
    {
        await using var store = await Open(kind);
        var task = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 10, store.Time.GetUtcNow());
        QuantumTaskStatus[] statuses =
        [
            QuantumTaskStatus.Created,
            QuantumTaskStatus.Queued,
            QuantumTaskStatus.Running,
            QuantumTaskStatus.Completed,
        ];

        await Task.WhenAll(
            Enumerable
                .Range(0, 20)
                .Select(i =>
                    Task.Run(() => store.Value.RecordAsync([Seen(task, statuses[i % statuses.Length], i % statuses.Length)], default))
                )
        );

        var total = Assert.Single(await store.Value.DayTotalsAsync(Today, Today, default));
        Assert.Equal((QuantumTaskStatus.Completed, new StatusTally(1, 10)), (total.Status, total.Tally));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_task_once_confirmed_stays_confirmed_and_only_unconfirmed_ones_are_listed_as_such(string kind)
    {
        await using var store = await Open(kind);
        var told = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 5, store.Time.GetUtcNow().AddHours(-1));
        var listed = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 7, store.Time.GetUtcNow().AddHours(-1));
        await store.Value.RecordAsync(
            [Seen(told, QuantumTaskStatus.Running, 20), Seen(listed, QuantumTaskStatus.Queued, 0) with { Confirmed = true }],
            default
        );
        var unconfirmed = Assert.Single(await store.Value.UnconfirmedTasksAsync(Today, Today, default));
        Assert.Equal(told.QuantumTaskArn, unconfirmed.Task.QuantumTaskArn);

        // A scan that saw the task QUEUED, older news than the event's RUNNING: the status stays, the task is confirmed.
        var confirmed = await store.Value.RecordAsync([Seen(told, QuantumTaskStatus.Queued, 10) with { Confirmed = true }], default);
        await store.Value.RecordAsync([Seen(told, QuantumTaskStatus.Completed, 30)], default); // later news from an event

        Assert.Equal(QuantumTaskStatus.Running, Assert.Single(confirmed).After!.Task.Status);
        Assert.Empty(await store.Value.UnconfirmedTasksAsync(Today, Today, default));
        var row = Assert.Single(await store.Value.LedgerTasksAsync(Today, [QuantumTaskStatus.Completed], default));
        Assert.True(row.Confirmed);
        Assert.Equal(
            [$"{Tasks.AspenArn} COMPLETED 1 5", $"{Tasks.AspenArn} QUEUED 1 7"],
            (await store.Value.DayTotalsAsync(Today, Today, default))
                .Select(t => $"{t.DeviceArn} {t.Status.ToWire()} {t.Tally.Tasks} {t.Tally.Shots}")
                .Order()
        );
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_tasks_tags_once_learnt_are_kept_whatever_later_news_without_them_says(string kind)
    {
        await using var store = await Open(kind);
        var task = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 5, store.Time.GetUtcNow().AddHours(-1));
        var untagged = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 7, store.Time.GetUtcNow().AddHours(-1)) with
        {
            Tags = new Dictionary<string, string>(),
        };
        await store.Value.RecordAsync([Seen(task, QuantumTaskStatus.Created, 0), Seen(untagged, QuantumTaskStatus.Queued, 0)], default);
        Assert.Null(await TagsOf(store, task));

        // GetQuantumTask told the tags; a later event (no tags) moves the status and keeps them.
        var tags = new Dictionary<string, string> { ["team"] = "alpha", ["user"] = "ada" };
        var described = Seen(task with { Tags = tags }, QuantumTaskStatus.Created, 1) with { Confirmed = true };
        var learnt = await store.Value.RecordAsync([described], default);
        await store.Value.RecordAsync([Seen(task, QuantumTaskStatus.Queued, 2)], default);

        Assert.Single(learnt);
        Assert.Equal(tags, await TagsOf(store, task));
        var row = (await store.Value.LedgerTasksAsync(Today, null, default)).Single(r => r.Task.QuantumTaskArn == task.QuantumTaskArn);
        Assert.Equal(QuantumTaskStatus.Queued, row.Task.Status);
        Assert.Equal(new Dictionary<string, string>(), await TagsOf(store, untagged)); // known to have none: not the same as unknown
    }

    private static async Task<IReadOnlyDictionary<string, string>?> TagsOf(Store store, QuantumTaskSummary task) =>
        (await store.Value.LedgerTasksAsync(Today, null, default)).Single(r => r.Task.QuantumTaskArn == task.QuantumTaskArn).Task.Tags;

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_task_braket_does_not_know_is_forgotten_and_taken_off_the_totals(string kind)
    {
        await using var store = await Open(kind);
        var invented = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 50_000, store.Time.GetUtcNow());
        await store.Value.RecordAsync([Seen(invented, QuantumTaskStatus.Created, 0)], default);

        var forgotten = await store.Value.ForgetAsync([invented.QuantumTaskArn, "arn:never-recorded"], default);

        Assert.Equal(invented.QuantumTaskArn, Assert.Single(forgotten).Before!.Task.QuantumTaskArn);
        Assert.Empty(await store.Value.LedgerTasksAsync(Today, null, default));
        Assert.Empty(await store.Value.DayTotalsAsync(Today, Today, default));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_day_is_held_once_a_scan_of_its_scope_or_of_every_device_is_merged(string kind)
    {
        await using var store = await Open(kind);
        var now = store.Time.GetUtcNow();

        await store.Value.MarkScannedAsync([Today.AddDays(-1), Today], Tasks.AspenArn, now.AddMinutes(-5), default);
        await store.Value.MarkScannedAsync([Today], Retention.EveryDevice, now, default);
        await store.Value.MarkScannedAsync([Today], Tasks.AspenArn, now.AddMinutes(-10), default); // an older scan leaves the newer one

        var aspen = await store.Value.ScannedAsync(Today.AddDays(-2), Today, Tasks.AspenArn, default);
        var ankaa = await store.Value.ScannedAsync(Today.AddDays(-2), Today, Tasks.AnkaaArn, default);
        var all = await store.Value.ScannedAsync(Today.AddDays(-2), Today, Retention.EveryDevice, default);

        Assert.Equal([Today.AddDays(-1), Today], aspen.Keys.Order());
        Assert.Equal(now, aspen[Today]);
        Assert.Equal([Today], ankaa.Keys);
        Assert.Equal([Today], all.Keys);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Tasks_are_kept_five_weeks_and_daily_totals_thirteen_months(string kind)
    {
        await using var store = await Open(kind);
        var now = store.Time.GetUtcNow();
        var old = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 5, now.AddDays(-Retention.LedgerTaskDays - 1));
        var recent = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 5, now.AddDays(-1));

        // its totals may be gone: never counted again
        Assert.Empty(await store.Value.RecordAsync([Seen(old, QuantumTaskStatus.Queued, 0)], default));
        Assert.Single(await store.Value.RecordAsync([Seen(recent, QuantumTaskStatus.Queued, 0)], default));
        await store.Value.MarkScannedAsync([Today.AddDays(-1)], Retention.EveryDevice, now, default);

        await store.AdvanceAsync(TimeSpan.FromDays(Retention.LedgerTaskDays + 1));
        await store.Value.MarkScannedAsync([Today], Retention.EveryDevice, store.Time.GetUtcNow(), default);
        Assert.Empty(await store.Value.LedgerTasksAsync(Today.AddDays(-1), null, default));
        Assert.Single(await store.Value.DayTotalsAsync(Today.AddDays(-1), Today.AddDays(-1), default));

        await store.AdvanceAsync(TimeSpan.FromDays(Retention.LedgerTotalDays));
        await store.Value.MarkScannedAsync([Today], Retention.EveryDevice, store.Time.GetUtcNow(), default);
        Assert.Empty(await store.Value.DayTotalsAsync(Today.AddDays(-1), Today.AddDays(-1), default));
        Assert.Empty(await store.Value.ScannedAsync(Today.AddDays(-1), Today.AddDays(-1), Retention.EveryDevice, default));
    }
}
