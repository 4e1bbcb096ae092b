namespace BraketBot.Domain;

/// <summary>
/// The ledger's rules, pure: how an observation of a task merges with what the ledger holds, and how
/// the daily totals follow. Events come at least once, out of order, and scans lag behind events, so a
/// status only ever moves forward in a task's life; between two statuses at the same point of it
/// (RUNNING or CANCELLING; the three ends) the later observation wins, and at the same instant the
/// one further down the list, so a duplicate or a late delivery never moves a task back.
/// </summary>
public static class Ledger
{
    /// <summary>How far in its life a task with this status is.</summary>
    public static int Stage(QuantumTaskStatus status) =>
        status switch
        {
            QuantumTaskStatus.Created => 0,
            QuantumTaskStatus.Queued => 1,
            QuantumTaskStatus.Running or QuantumTaskStatus.Cancelling => 2,
            QuantumTaskStatus.Completed or QuantumTaskStatus.Failed or QuantumTaskStatus.Cancelled => 3,
            _ => -1,
        };

    /// <summary>
    /// The row after <paramref name="observed"/> meets <paramref name="current"/>, or null when the
    /// ledger stays as it is (a duplicate, an older status, an unknown one). A task keeps the day it was
    /// first recorded on and its first description; only its status and the time of it move, and its
    /// origin, once learnt, is kept (whatever later news without one says). Once Braket confirmed a task
    /// it stays confirmed, even when the news that confirms it is older than the row's. Its tags follow
    /// Braket's latest word (a search or GetQuantumTask: a re-tagged task moves budget); an event, which carries none, never drops them.
    /// </summary>
    public static LedgerTask? Merge(LedgerTask? current, LedgerTask observed)
    {
        if (Stage(observed.Task.Status) < 0)
            return null;
        if (current is null)
            return observed;
        var confirmed = current.Confirmed || observed.Confirmed;
        var origin = current.Task.Origin ?? observed.Task.Origin;
        var tags = observed.Task.Tags is { } seen && !SameTags(seen, current.Task.Tags) ? seen : current.Task.Tags;
        if (Supersedes(observed, current))
        {
            var moved = current.Task with { Status = observed.Task.Status, Origin = origin, Tags = tags };
            return current with { Task = moved, At = observed.At, Confirmed = confirmed };
        }
        return confirmed == current.Confirmed && origin == current.Task.Origin && ReferenceEquals(tags, current.Task.Tags)
            ? null
            : current with
            {
                Task = current.Task with { Origin = origin, Tags = tags },
                Confirmed = confirmed,
            };
    }

    private static bool SameTags(IReadOnlyDictionary<string, string> seen, IReadOnlyDictionary<string, string>? kept) =>
        kept is not null && seen.Count == kept.Count && seen.All(t => kept.TryGetValue(t.Key, out var value) && value == t.Value);

    private static bool Supersedes(LedgerTask observed, LedgerTask current)
    {
        var (now, before) = (observed.Task.Status, current.Task.Status);
        if (now == before)
            return false;
        if (Stage(now) != Stage(before))
            return Stage(now) > Stage(before);
        // Same point in the task's life: the later word wins; at the same instant, the one further down the list.
        return observed.At != current.At ? observed.At > current.At : now > before;
    }

    /// <summary>
    /// Whether an event that <paramref name="status"/> was recorded with <paramref name="changes"/> calls
    /// for a cap evaluation: when it made the task count. When it changed nothing, it may be the
    /// redelivery of an event recorded before its hand-over failed, so a counted status is evaluated
    /// again (from the ledger: that costs no Braket call).
    /// </summary>
    public static bool CallsForEvaluation(IReadOnlyList<LedgerChange> changes, QuantumTaskStatus status, CapBasis basis) =>
        changes.Count == 0 ? CapPolicy.CountedStatuses(basis).Contains(status) : changes.Any(c => c.AddsUsage(basis));

    /// <summary>Merges observations into the rows they meet, in order; returns the changes, at most one per task.</summary>
    public static IReadOnlyList<LedgerChange> MergeAll(IReadOnlyDictionary<string, LedgerTask> current, IEnumerable<LedgerTask> observed)
    {
        var rows = new Dictionary<string, (LedgerTask? Before, LedgerTask? After)>(StringComparer.Ordinal);
        foreach (var task in observed)
        {
            var arn = task.Task.QuantumTaskArn;
            var (before, now) = rows.TryGetValue(arn, out var seen)
                ? seen
                : (current.GetValueOrDefault(arn), current.GetValueOrDefault(arn));
            if (Merge(now, task) is { } merged)
                rows[arn] = (before, merged);
        }
        return rows.Values.Where(r => r.Before != r.After).Select(r => new LedgerChange(r.Before, r.After)).ToList();
    }

    /// <summary>Task rows added up per day, device, status and billing: the daily totals of just these rows (a budget's).</summary>
    public static IReadOnlyList<DayTally> Totals(IEnumerable<LedgerTask> rows) => TotalDeltas(rows.Select(r => new LedgerChange(null, r)));

    /// <summary>The changes to the daily totals, added up per day, device, status and billing (zero sums left out).</summary>
    public static IReadOnlyList<DayTally> TotalDeltas(IEnumerable<LedgerChange> changes) =>
        changes
            .SelectMany(c => c.Deltas())
            .GroupBy(d => (d.Day, d.DeviceArn, d.Status, d.Billing))
            .Select(g => new DayTally(
                g.Key.Day,
                g.Key.DeviceArn,
                g.Key.Status,
                g.Aggregate(StatusTally.None, (sum, d) => sum.Add(d.Tally)),
                g.Key.Billing
            ))
            .Where(d => d.Tally != StatusTally.None)
            .ToList();
}
