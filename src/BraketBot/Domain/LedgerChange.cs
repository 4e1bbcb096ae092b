namespace BraketBot.Domain;

/// <summary>What recording a task did to the ledger: the row before (null: new) and after (null: dropped).</summary>
public sealed record LedgerChange(LedgerTask? Before, LedgerTask? After)
{
    /// <summary>What the change does to the daily totals: the old status loses the task, the new one gains it.</summary>
    public IEnumerable<DayTally> Deltas()
    {
        if (Before is { } before)
            yield return new DayTally(
                before.Day,
                before.Task.DeviceArn,
                before.Task.Status,
                new StatusTally(-1, -before.Task.Shots),
                before.Task.Billing
            );
        if (After is { } after)
            yield return new DayTally(
                after.Day,
                after.Task.DeviceArn,
                after.Task.Status,
                new StatusTally(1, after.Task.Shots),
                after.Task.Billing
            );
    }

    /// <summary>The task counts against the caps now and did not before: the only change that can cross a cap.</summary>
    public bool AddsUsage(CapBasis basis)
    {
        var counted = CapPolicy.CountedStatuses(basis);
        return After is not null && counted.Contains(After.Task.Status) && (Before is null || !counted.Contains(Before.Task.Status));
    }
}
