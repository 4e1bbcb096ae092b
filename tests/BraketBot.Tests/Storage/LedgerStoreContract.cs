namespace BraketBot.Tests.Storage;

/// <summary>What every ledger store promises: news merged by the domain's rule, totals in step with the rows, retention kept.</summary>
public abstract class LedgerStoreContract<TKind> : StoreContract<TKind>
    where TKind : IStoreKind
{
    private static readonly Day Today = Day.Parse("2022-04-10");

    private static LedgerTask Seen(QuantumTaskSummary task, QuantumTaskStatus status, int second) =>
        new(task with { Status = status }, Day.Of(task.CreatedAt, TimeZoneInfo.Utc), task.CreatedAt.AddSeconds(second));

    [StoreFact]
    public async Task The_ledger_takes_news_out_of_order_and_twice_and_keeps_its_totals_in_step()
    {
        var task = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 50, Stores.Time.GetUtcNow().AddHours(-1));
        var other = Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 7, Stores.Time.GetUtcNow().AddHours(-1));

        var created = await Ledger.RecordAsync(
            [Seen(task, QuantumTaskStatus.Created, 0), Seen(other, QuantumTaskStatus.Queued, 0)],
            default
        );
        var completed = await Ledger.RecordAsync([Seen(task, QuantumTaskStatus.Completed, 30)], default);
        var lateQueued = await Ledger.RecordAsync([Seen(task, QuantumTaskStatus.Queued, 10)], default);
        var twice = await Ledger.RecordAsync(
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
        var row = Assert.Single(await Ledger.LedgerTasksAsync(Today, [QuantumTaskStatus.Completed], default));
        Assert.Equal((task.QuantumTaskArn, 50L, Today), (row.Task.QuantumTaskArn, row.Task.Shots, row.Day));
        Assert.Equal(2, (await Ledger.LedgerTasksAsync(Today, null, default)).Count);
        Assert.Equal(
            [$"{Tasks.AnkaaArn} QUEUED 1 7", $"{Tasks.AspenArn} COMPLETED 1 50"],
            (await Ledger.DayTotalsAsync(Today, Today, default))
                .Select(t => $"{t.DeviceArn} {t.Status.ToWire()} {t.Tally.Tasks} {t.Tally.Shots}")
                .Order()
        );
    }

    [StoreFact]
    public async Task Twenty_writers_of_one_task_leave_it_counted_once()
    {
        var task = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 10, Stores.Time.GetUtcNow());
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
                .Select(i => Task.Run(() => Ledger.RecordAsync([Seen(task, statuses[i % statuses.Length], i % statuses.Length)], default)))
        );

        var total = Assert.Single(await Ledger.DayTotalsAsync(Today, Today, default));
        Assert.Equal((QuantumTaskStatus.Completed, new StatusTally(1, 10)), (total.Status, total.Tally));
    }

    [StoreFact]
    public async Task A_task_once_confirmed_stays_confirmed_and_only_unconfirmed_ones_are_listed_as_such()
    {
        var told = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 5, Stores.Time.GetUtcNow().AddHours(-1));
        var listed = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 7, Stores.Time.GetUtcNow().AddHours(-1));
        await Ledger.RecordAsync(
            [Seen(told, QuantumTaskStatus.Running, 20), Seen(listed, QuantumTaskStatus.Queued, 0) with { Confirmed = true }],
            default
        );
        var unconfirmed = Assert.Single(await Ledger.UnconfirmedTasksAsync(Today, Today, default));
        Assert.Equal(told.QuantumTaskArn, unconfirmed.Task.QuantumTaskArn);

        // A scan that saw the task QUEUED, older news than the event's RUNNING: the status stays, the task is confirmed.
        var confirmed = await Ledger.RecordAsync([Seen(told, QuantumTaskStatus.Queued, 10) with { Confirmed = true }], default);
        await Ledger.RecordAsync([Seen(told, QuantumTaskStatus.Completed, 30)], default); // later news from an event

        Assert.Equal(QuantumTaskStatus.Running, Assert.Single(confirmed).After!.Task.Status);
        Assert.Empty(await Ledger.UnconfirmedTasksAsync(Today, Today, default));
        var row = Assert.Single(await Ledger.LedgerTasksAsync(Today, [QuantumTaskStatus.Completed], default));
        Assert.True(row.Confirmed);
        Assert.Equal(
            [$"{Tasks.AspenArn} COMPLETED 1 5", $"{Tasks.AspenArn} QUEUED 1 7"],
            (await Ledger.DayTotalsAsync(Today, Today, default))
                .Select(t => $"{t.DeviceArn} {t.Status.ToWire()} {t.Tally.Tasks} {t.Tally.Shots}")
                .Order()
        );
    }

    [StoreFact]
    public async Task A_tasks_tags_once_learnt_are_kept_whatever_later_news_without_them_says()
    {
        var task = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 5, Stores.Time.GetUtcNow().AddHours(-1));
        var untagged = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 7, Stores.Time.GetUtcNow().AddHours(-1)) with
        {
            Tags = new Dictionary<string, string>(),
        };
        await Ledger.RecordAsync([Seen(task, QuantumTaskStatus.Created, 0), Seen(untagged, QuantumTaskStatus.Queued, 0)], default);
        Assert.Null(await TagsOf(task));

        // GetQuantumTask told the tags; a later event (no tags) moves the status and keeps them.
        var tags = new Dictionary<string, string> { ["team"] = "alpha", ["user"] = "ada" };
        var described = Seen(task with { Tags = tags }, QuantumTaskStatus.Created, 1) with { Confirmed = true };
        var learnt = await Ledger.RecordAsync([described], default);
        await Ledger.RecordAsync([Seen(task, QuantumTaskStatus.Queued, 2)], default);

        Assert.Single(learnt);
        Assert.Equal(tags, await TagsOf(task));
        var row = (await Ledger.LedgerTasksAsync(Today, null, default)).Single(r => r.Task.QuantumTaskArn == task.QuantumTaskArn);
        Assert.Equal(QuantumTaskStatus.Queued, row.Task.Status);
        Assert.Equal(new Dictionary<string, string>(), await TagsOf(untagged)); // known to have none: not the same as unknown
    }

    [StoreFact]
    public async Task A_task_braket_does_not_know_is_forgotten_and_taken_off_the_totals()
    {
        var invented = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 50_000, Stores.Time.GetUtcNow());
        await Ledger.RecordAsync([Seen(invented, QuantumTaskStatus.Created, 0)], default);

        var forgotten = await Ledger.ForgetAsync([invented.QuantumTaskArn, "arn:never-recorded"], default);

        Assert.Equal(invented.QuantumTaskArn, Assert.Single(forgotten).Before!.Task.QuantumTaskArn);
        Assert.Empty(await Ledger.LedgerTasksAsync(Today, null, default));
        Assert.Empty(await Ledger.DayTotalsAsync(Today, Today, default));
    }

    [StoreFact]
    public async Task A_day_is_held_once_a_scan_of_its_scope_or_of_every_device_is_merged()
    {
        var now = Stores.Time.GetUtcNow();

        await Ledger.MarkScannedAsync([Today.AddDays(-1), Today], Tasks.AspenArn, now.AddMinutes(-5), default);
        await Ledger.MarkScannedAsync([Today], Retention.EveryDevice, now, default);
        await Ledger.MarkScannedAsync([Today], Tasks.AspenArn, now.AddMinutes(-10), default); // an older scan leaves the newer one

        var aspen = await Ledger.ScannedAsync(Today.AddDays(-2), Today, Tasks.AspenArn, default);
        var ankaa = await Ledger.ScannedAsync(Today.AddDays(-2), Today, Tasks.AnkaaArn, default);
        var all = await Ledger.ScannedAsync(Today.AddDays(-2), Today, Retention.EveryDevice, default);

        Assert.Equal([Today.AddDays(-1), Today], aspen.Keys.Order());
        Assert.Equal(now, aspen[Today]);
        Assert.Equal([Today], ankaa.Keys);
        Assert.Equal([Today], all.Keys);
    }

    [StoreFact]
    public async Task Tasks_are_kept_five_weeks_and_daily_totals_thirteen_months()
    {
        var now = Stores.Time.GetUtcNow();
        var old = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 5, now.AddDays(-Retention.LedgerTaskDays - 1));
        var recent = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 5, now.AddDays(-1));

        // its totals may be gone: never counted again
        Assert.Empty(await Ledger.RecordAsync([Seen(old, QuantumTaskStatus.Queued, 0)], default));
        Assert.Single(await Ledger.RecordAsync([Seen(recent, QuantumTaskStatus.Queued, 0)], default));
        await Ledger.MarkScannedAsync([Today.AddDays(-1)], Retention.EveryDevice, now, default);

        await Stores.AdvanceAsync(TimeSpan.FromDays(Retention.LedgerTaskDays + 1));
        await Ledger.MarkScannedAsync([Today], Retention.EveryDevice, Stores.Time.GetUtcNow(), default);
        Assert.Empty(await Ledger.LedgerTasksAsync(Today.AddDays(-1), null, default));
        Assert.Single(await Ledger.DayTotalsAsync(Today.AddDays(-1), Today.AddDays(-1), default));

        await Stores.AdvanceAsync(TimeSpan.FromDays(Retention.LedgerTotalDays));
        await Ledger.MarkScannedAsync([Today], Retention.EveryDevice, Stores.Time.GetUtcNow(), default);
        Assert.Empty(await Ledger.DayTotalsAsync(Today.AddDays(-1), Today.AddDays(-1), default));
        Assert.Empty(await Ledger.ScannedAsync(Today.AddDays(-1), Today.AddDays(-1), Retention.EveryDevice, default));
    }

    private async Task<IReadOnlyDictionary<string, string>?> TagsOf(QuantumTaskSummary task) =>
        (await Ledger.LedgerTasksAsync(Today, null, default)).Single(r => r.Task.QuantumTaskArn == task.QuantumTaskArn).Task.Tags;
}
