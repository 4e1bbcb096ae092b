using BraketBot.Ports;

namespace BraketBot.Storage;

/// <summary>The single instance's usage ledger: task rows, daily totals and scans, under one lock.</summary>
public sealed class InMemoryLedgerStore(TimeProvider time) : ILedgerStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, LedgerTask> ledgerTasks = new(StringComparer.Ordinal);
    private readonly Dictionary<Day, HashSet<string>> ledgerDays = [];
    private readonly Dictionary<(Day Day, string DeviceArn, QuantumTaskStatus Status, TaskBilling Billing), StatusTally> dayTotals = [];
    private readonly Dictionary<(Day Day, string Scope), DateTimeOffset> scans = [];

    public Task<IReadOnlyList<LedgerChange>> RecordAsync(IReadOnlyList<LedgerTask> observed, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var oldest = Retention.OldestTaskDay(time.GetUtcNow());
            return Task.FromResult(Apply(Ledger.MergeAll(ledgerTasks, observed.Where(t => t.Day >= oldest))));
        }
    }

    public Task<IReadOnlyList<LedgerChange>> ForgetAsync(IReadOnlyList<string> arns, CancellationToken cancellationToken)
    {
        lock (gate)
            return Task.FromResult(
                Apply(arns.Distinct().Where(ledgerTasks.ContainsKey).Select(arn => new LedgerChange(ledgerTasks[arn], null)).ToList())
            );
    }

    public Task<IReadOnlyList<LedgerTask>> LedgerTasksAsync(
        Day day,
        IReadOnlyCollection<QuantumTaskStatus>? statuses,
        CancellationToken cancellationToken
    )
    {
        lock (gate)
            return Task.FromResult<IReadOnlyList<LedgerTask>>(
                ledgerDays.TryGetValue(day, out var arns)
                    ? arns.Select(arn => ledgerTasks[arn]).Where(t => statuses is null || statuses.Contains(t.Task.Status)).ToList()
                    : []
            );
    }

    public Task<IReadOnlyList<LedgerTask>> UnconfirmedTasksAsync(Day first, Day last, CancellationToken cancellationToken)
    {
        lock (gate)
            return Task.FromResult<IReadOnlyList<LedgerTask>>(
                ledgerDays
                    .Where(d => d.Key >= first && d.Key <= last)
                    .SelectMany(d => d.Value.Select(arn => ledgerTasks[arn]))
                    .Where(t => !t.Confirmed)
                    .ToList()
            );
    }

    public Task<IReadOnlyList<DayTally>> DayTotalsAsync(Day first, Day last, CancellationToken cancellationToken)
    {
        lock (gate)
            return Task.FromResult<IReadOnlyList<DayTally>>(
                dayTotals
                    .Where(t => t.Key.Day >= first && t.Key.Day <= last)
                    .Select(t => new DayTally(t.Key.Day, t.Key.DeviceArn, t.Key.Status, t.Value, t.Key.Billing))
                    .ToList()
            );
    }

    public Task MarkScannedAsync(IReadOnlyList<Day> days, string scope, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            foreach (var day in days)
                if (!scans.TryGetValue((day, scope), out var earlier) || earlier < at)
                    scans[(day, scope)] = at;
            PurgeLedger(time.GetUtcNow());
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<Day, DateTimeOffset>> ScannedAsync(
        Day first,
        Day last,
        string scope,
        CancellationToken cancellationToken
    )
    {
        lock (gate)
            return Task.FromResult<IReadOnlyDictionary<Day, DateTimeOffset>>(
                scans
                    .Where(s => s.Key.Day >= first && s.Key.Day <= last && (s.Key.Scope == scope || s.Key.Scope == Retention.EveryDevice))
                    .GroupBy(s => s.Key.Day)
                    .ToDictionary(g => g.Key, g => g.Max(s => s.Value))
            );
    }

    /// <summary>Writes merged changes: the task rows, and the totals moved by their deltas (a total that reaches zero goes).</summary>
    private IReadOnlyList<LedgerChange> Apply(IReadOnlyList<LedgerChange> changes)
    {
        foreach (var change in changes)
        {
            if (change.Before is { } before)
            {
                ledgerTasks.Remove(before.Task.QuantumTaskArn);
                ledgerDays[before.Day].Remove(before.Task.QuantumTaskArn);
            }
            if (change.After is { } after)
            {
                ledgerTasks[after.Task.QuantumTaskArn] = after;
                if (!ledgerDays.TryGetValue(after.Day, out var arns))
                    ledgerDays[after.Day] = arns = new HashSet<string>(StringComparer.Ordinal);
                arns.Add(after.Task.QuantumTaskArn);
            }
        }
        foreach (var delta in Ledger.TotalDeltas(changes))
        {
            var key = (delta.Day, delta.DeviceArn, delta.Status, delta.Billing);
            var total = dayTotals.GetValueOrDefault(key, StatusTally.None).Add(delta.Tally);
            if (total.Tasks == 0)
                dayTotals.Remove(key);
            else
                dayTotals[key] = total;
        }
        return changes;
    }

    private void PurgeLedger(DateTimeOffset now)
    {
        var oldestTask = Retention.OldestTaskDay(now);
        foreach (var day in ledgerDays.Keys.Where(d => d < oldestTask).ToList())
        {
            foreach (var arn in ledgerDays[day])
                ledgerTasks.Remove(arn);
            ledgerDays.Remove(day);
        }
        var oldestTotal = Retention.OldestTotalDay(now);
        foreach (var key in dayTotals.Keys.Where(k => k.Day < oldestTotal).ToList())
            dayTotals.Remove(key);
        foreach (var key in scans.Keys.Where(k => k.Day < oldestTotal).ToList())
            scans.Remove(key);
    }
}
