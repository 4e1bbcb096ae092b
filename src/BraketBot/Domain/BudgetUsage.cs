namespace BraketBot.Domain;

/// <summary>A budget's own usage: its tasks' day, and (under a monthly cap of it) its month to that day, device by device.</summary>
public sealed record BudgetUsage(DayUsage Day, IReadOnlyList<DeviceUsage>? Month)
{
    /// <summary>
    /// The budget's usage from the ledger's task rows of the days it counts over (the day last): only the
    /// rows of tasks carrying its tag on its devices, summed per day, device, status and billing, priced as any;
    /// <paramref name="withJobs"/> adds the instances of the hybrid jobs carrying its tag to those days.
    /// </summary>
    public static BudgetUsage From(
        BudgetScope budget,
        IReadOnlyList<DayWindow> windows,
        IEnumerable<LedgerTask> rows,
        bool withMonth,
        Func<string, DeviceSummary> describe,
        Pricing pricing,
        Func<IReadOnlyList<DayUsage>, IReadOnlyList<DayUsage>>? withJobs = null
    ) => Of(task => budget.Covers(task, describe(task.DeviceArn)), windows, rows, withMonth, describe, pricing, withJobs);

    /// <summary>
    /// The rest: the usage of the tasks no budget takes in (untagged, or tagged for none of them, or off their devices), with
    /// what <paramref name="withJobs"/> adds (the instances of the hybrid jobs no budget takes in).
    /// </summary>
    public static BudgetUsage Outside(
        IReadOnlyList<BudgetScope> budgets,
        IReadOnlyList<DayWindow> windows,
        IEnumerable<LedgerTask> rows,
        Func<string, DeviceSummary> describe,
        Pricing pricing,
        Func<IReadOnlyList<DayUsage>, IReadOnlyList<DayUsage>>? withJobs = null
    ) =>
        Of(
            task => !budgets.Any(b => b.Covers(task, describe(task.DeviceArn))),
            windows,
            rows,
            withMonth: true,
            describe,
            pricing,
            withJobs
        );

    /// <summary>A day's total shots (of the statuses counted) and estimated cost, of <see cref="Day"/> or <see cref="Month"/>.</summary>
    public static (long Shots, decimal Cost) Totals(IReadOnlyList<DeviceUsage> devices, CapBasis basis) =>
        (devices.Sum(d => d.Sum(CapPolicy.CountedStatuses(basis)).Shots), devices.Sum(d => CapPolicy.Counted(d, CapMetric.Cost, basis)));

    /// <summary>The budget's usage day by day (one per window, in order), from the ledger's task rows: a month chart's.</summary>
    public static IReadOnlyList<DayUsage> Days(
        BudgetScope budget,
        IReadOnlyList<DayWindow> windows,
        IEnumerable<LedgerTask> rows,
        Func<string, DeviceSummary> describe,
        Pricing pricing,
        Func<IReadOnlyList<DayUsage>, IReadOnlyList<DayUsage>>? withJobs = null
    ) => DaysOf(task => budget.Covers(task, describe(task.DeviceArn)), windows, rows, describe, pricing, withJobs);

    private static BudgetUsage Of(
        Func<QuantumTaskSummary, bool> covers,
        IReadOnlyList<DayWindow> windows,
        IEnumerable<LedgerTask> rows,
        bool withMonth,
        Func<string, DeviceSummary> describe,
        Pricing pricing,
        Func<IReadOnlyList<DayUsage>, IReadOnlyList<DayUsage>>? withJobs
    )
    {
        var days = DaysOf(covers, windows, rows, describe, pricing, withJobs);
        return new BudgetUsage(days[^1], withMonth ? DeviceUsage.Sum(days.SelectMany(d => d.Devices)) : null);
    }

    private static IReadOnlyList<DayUsage> DaysOf(
        Func<QuantumTaskSummary, bool> covers,
        IReadOnlyList<DayWindow> windows,
        IEnumerable<LedgerTask> rows,
        Func<string, DeviceSummary> describe,
        Pricing pricing,
        Func<IReadOnlyList<DayUsage>, IReadOnlyList<DayUsage>>? withJobs
    )
    {
        var totals = Ledger.Totals(rows.Where(r => covers(r.Task))).ToLookup(t => t.Day);
        var days = windows.Select(w => DayUsage.FromTotals(w, totals[w.Day], describe, pricing)).ToList();
        return withJobs?.Invoke(days) ?? days;
    }
}
