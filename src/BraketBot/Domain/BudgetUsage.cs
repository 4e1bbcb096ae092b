namespace BraketBot.Domain;

/// <summary>A budget's own usage: its tasks' day, and (under a monthly cap of it) its month to that day, device by device.</summary>
public sealed record BudgetUsage(DayUsage Day, IReadOnlyList<DeviceUsage>? Month)
{
    /// <summary>
    /// The budget's usage from the ledger's task rows of the days it counts over (the day last): only the
    /// rows of tasks carrying its tag on its devices, summed per day, device, status and billing, priced as any.
    /// </summary>
    public static BudgetUsage From(
        BudgetScope budget, IReadOnlyList<DayWindow> windows, IEnumerable<LedgerTask> rows, bool withMonth,
        Func<string, DeviceSummary> describe, Pricing pricing)
    {
        var totals = Ledger.Totals(rows.Where(r => budget.Covers(r.Task, describe(r.Task.DeviceArn)))).ToLookup(t => t.Day);
        var days = windows.Select(w => DayUsage.FromTotals(w, totals[w.Day], describe, pricing)).ToList();
        return new BudgetUsage(days[^1], withMonth ? DeviceUsage.Sum(days.SelectMany(d => d.Devices)) : null);
    }
}
