namespace BraketBot.Tests.Usage;

/// <summary>The ledger's pure rules: how news of a task merges, and what it does to the totals and to the caps.</summary>
public sealed class LedgerRulesTests
{
    private static readonly DateTimeOffset Created = new(2022, 4, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly Day Day = Day.Parse("2022-04-10");
    private static readonly QuantumTaskSummary Task = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 100, Created);

    private static LedgerTask Seen(QuantumTaskStatus status, int second) =>
        new(Task with { Status = status }, Day, Created.AddSeconds(second));

    [Fact]
    public void News_of_a_task_moves_it_forward_only()
    {
        var queued = Ledger.Merge(null, Seen(QuantumTaskStatus.Queued, 1))!;
        var completed = Ledger.Merge(queued, Seen(QuantumTaskStatus.Completed, 9))!;

        Assert.Equal(QuantumTaskStatus.Completed, completed.Task.Status);
        Assert.Null(Ledger.Merge(completed, Seen(QuantumTaskStatus.Queued, 5))); // a QUEUED after COMPLETED changes nothing
        Assert.Null(Ledger.Merge(completed, Seen(QuantumTaskStatus.Created, 99))); // however late it is stamped
        Assert.Null(Ledger.Merge(completed, Seen(QuantumTaskStatus.Completed, 9))); // a duplicate
        Assert.Null(Ledger.Merge(completed, Seen(QuantumTaskStatus.Unknown, 20)));
    }

    [Fact]
    public void At_the_same_point_of_a_task_s_life_the_later_word_wins()
    {
        var running = Ledger.Merge(null, Seen(QuantumTaskStatus.Running, 5))!;

        Assert.Equal(QuantumTaskStatus.Cancelling, Ledger.Merge(running, Seen(QuantumTaskStatus.Cancelling, 6))!.Task.Status);
        Assert.Null(Ledger.Merge(running, Seen(QuantumTaskStatus.Cancelling, 4)));
    }

    [Fact]
    public void A_task_keeps_its_day_and_description_and_takes_only_the_new_status_and_time()
    {
        var first = new LedgerTask(Task, Day, Created);
        var approximate = new LedgerTask(
            Task with
            {
                Status = QuantumTaskStatus.Cancelling,
                Shots = 1,
                CreatedAt = Created.AddDays(1),
            },
            Day.AddDays(1),
            Created.AddHours(1)
        );

        var merged = Ledger.Merge(first, approximate)!;

        Assert.Equal(
            (Day, 100L, Created, QuantumTaskStatus.Cancelling, Created.AddHours(1)),
            (merged.Day, merged.Task.Shots, merged.Task.CreatedAt, merged.Task.Status, merged.At)
        );
    }

    [Fact]
    public void Any_order_of_the_same_news_ends_in_the_same_status()
    {
        LedgerTask[] news =
        [
            Seen(QuantumTaskStatus.Created, 0),
            Seen(QuantumTaskStatus.Queued, 1),
            Seen(QuantumTaskStatus.Running, 3),
            Seen(QuantumTaskStatus.Cancelling, 3),
            Seen(QuantumTaskStatus.Queued, 1),
            Seen(QuantumTaskStatus.Running, 2),
        ];

        var ends = Permutations(news)
            .Select(order => order.Aggregate((LedgerTask?)null, (row, seen) => Ledger.Merge(row, seen) ?? row)!.Task.Status)
            .Distinct();

        Assert.Equal([QuantumTaskStatus.Cancelling], ends); // same point, same second: the one further down the list
    }

    private static IEnumerable<IReadOnlyList<T>> Permutations<T>(IReadOnlyList<T> items) =>
        items.Count <= 1
            ? [items]
            : items.SelectMany(
                (item, i) => Permutations([.. items.Take(i), .. items.Skip(i + 1)]).Select(rest => (IReadOnlyList<T>)[item, .. rest])
            );

    [Fact]
    public void Merging_a_batch_gives_one_change_per_task_and_totals_that_follow_it()
    {
        var other = Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 7, Created);
        var current = new Dictionary<string, LedgerTask> { [Task.QuantumTaskArn] = Seen(QuantumTaskStatus.Created, 0) };

        var changes = Ledger.MergeAll(
            current,
            [
                Seen(QuantumTaskStatus.Queued, 1),
                Seen(QuantumTaskStatus.Running, 2),
                Seen(QuantumTaskStatus.Queued, 1),
                new LedgerTask(other, Day, Created),
            ]
        );

        Assert.Equal(2, changes.Count);
        var mine = changes.Single(c => c.Before is not null);
        Assert.Equal((QuantumTaskStatus.Created, QuantumTaskStatus.Running), (mine.Before!.Task.Status, mine.After!.Task.Status));
        Assert.Equal(
            [$"{Tasks.AnkaaArn} QUEUED 1 7", $"{Tasks.AspenArn} CREATED -1 -100", $"{Tasks.AspenArn} RUNNING 1 100"],
            Ledger.TotalDeltas(changes).Select(d => $"{d.DeviceArn} {d.Status.ToWire()} {d.Tally.Tasks} {d.Tally.Shots}").Order()
        );
        Assert.Empty(
            Ledger.TotalDeltas([
                new LedgerChange(null, Seen(QuantumTaskStatus.Queued, 1)),
                new LedgerChange(Seen(QuantumTaskStatus.Queued, 1), null),
            ])
        );
    }

    [Theory]
    [InlineData(null, QuantumTaskStatus.Created, CapBasis.Day, true)]
    [InlineData(QuantumTaskStatus.Created, QuantumTaskStatus.Queued, CapBasis.Day, false)] // counted before and after
    [InlineData(QuantumTaskStatus.Created, QuantumTaskStatus.Queued, CapBasis.Queued, true)]
    [InlineData(QuantumTaskStatus.Queued, QuantumTaskStatus.Running, CapBasis.Queued, false)]
    [InlineData(null, QuantumTaskStatus.Completed, CapBasis.Day, true)] // first heard of at its end: it still cost
    [InlineData(null, QuantumTaskStatus.Cancelled, CapBasis.Day, false)]
    [InlineData(QuantumTaskStatus.Queued, QuantumTaskStatus.Cancelling, CapBasis.Day, false)]
    public void Only_a_task_that_starts_to_count_adds_usage(QuantumTaskStatus? before, QuantumTaskStatus after, CapBasis basis, bool adds)
    {
        var change = new LedgerChange(before is { } b ? Seen(b, 0) : null, Seen(after, 1));

        Assert.Equal(adds, change.AddsUsage(basis));
    }

    [Fact]
    public void An_event_that_changed_nothing_is_evaluated_again_if_its_status_counts_for_it_may_be_a_failed_hand_over_s_redelivery()
    {
        Assert.True(Ledger.CallsForEvaluation([], QuantumTaskStatus.Created, CapBasis.Day));
        Assert.False(Ledger.CallsForEvaluation([], QuantumTaskStatus.Cancelled, CapBasis.Day));
        Assert.False(
            Ledger.CallsForEvaluation(
                [new LedgerChange(Seen(QuantumTaskStatus.Queued, 0), Seen(QuantumTaskStatus.Running, 1))],
                QuantumTaskStatus.Running,
                CapBasis.Day
            )
        );
        Assert.True(
            Ledger.CallsForEvaluation([new LedgerChange(null, Seen(QuantumTaskStatus.Running, 1))], QuantumTaskStatus.Running, CapBasis.Day)
        );
    }
}
