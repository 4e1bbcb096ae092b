using System.Globalization;
using BraketBot.Ports;
using Microsoft.Extensions.Options;

namespace BraketBot.Usage;

/// <summary>A day's usage, and how fresh the ledger's word on it is (null: scanned just now).</summary>
public sealed record DayReading(DayUsage Usage, LedgerFreshness? Freshness);

/// <summary>
/// Usage from the ledger the store keeps: what events (and BraketBot's own cancels) recorded, filled
/// and repaired by scans. A day is held once a scan of it is merged; from then on its usage is a sum
/// of daily totals, not a Braket call, and events keep it current. Scans merge what they see, confirm
/// with Braket the tasks only an event told of, and say what the ledger had missed.
/// </summary>
public sealed partial class UsageLedger(
    IBotStore store,
    IBraketApi braket,
    DayScanner scanner,
    DeviceCatalog catalog,
    Pricing pricing,
    TaskOrigins origins,
    IOptionsMonitor<CapsOptions> capsOptions,
    TimeProvider time,
    ILogger<UsageLedger> logger)
{
    /// <summary>Where the time of the last event received is kept (written by whoever takes events).</summary>
    public const string LastEventKey = "ledger:last-event";

    public static string LastEventValue(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    private static string ScopeOf(DeviceSummary? device) => device?.DeviceArn ?? Retention.EveryDevice;

    private static IReadOnlyList<Day> DaysFrom(Day from, Day to) =>
        Enumerable.Range(0, Math.Max(0, to.Date.DayNumber - from.Date.DayNumber + 1)).Select(from.AddDays).ToList();

    /// <summary>The days from..to the ledger does not hold for the device (or for every device).</summary>
    public async Task<IReadOnlyList<Day>> MissingAsync(Day from, Day to, DeviceSummary? device, CancellationToken cancellationToken)
    {
        var scanned = await store.ScannedAsync(from, to, ScopeOf(device), cancellationToken);
        return DaysFrom(from, to).Where(d => !scanned.ContainsKey(d)).ToList();
    }

    /// <summary>How fresh the ledger's word on the day is, or null when it does not hold the day (for that device).</summary>
    public async Task<LedgerFreshness?> FreshnessAsync(Day day, DeviceSummary? device, CancellationToken cancellationToken)
    {
        var scanned = await store.ScannedAsync(day, day, ScopeOf(device), cancellationToken);
        if (!scanned.TryGetValue(day, out var scannedAt)) return null;
        var lastEvent = await store.GetValueAsync(LastEventKey, cancellationToken);
        return new LedgerFreshness(
            DateTimeOffset.TryParse(lastEvent, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null, scannedAt);
    }

    /// <summary>
    /// A day's usage as a report wants it: from the ledger when it holds the day, with how fresh that
    /// is; else (and when <paramref name="scan"/> asks) from a scan as before the ledger, which a
    /// report only reads. Either way each task is billed by its origin (reserved ones cost nothing): the
    /// ledger's rows learnt it when the task was first recorded, a scan learns it for tasks it lacks.
    /// </summary>
    public async Task<BraketResult<DayReading>> ReadAsync(Day day, DeviceSummary? device, bool scan, CancellationToken cancellationToken)
    {
        if (!scan && await FreshnessAsync(day, device, cancellationToken) is { } freshness)
            return new DayReading(await DayUsageAsync(day, device, cancellationToken), freshness);
        var window = scanner.Window(day);
        var scanned = await scanner.TasksAsync(window, device, cancellationToken);
        if (!scanned.IsSuccess) return scanned.Error!;
        return new DayReading(DayUsage.From(window, await origins.WithOriginsAsync(scanned.Value!, cancellationToken), catalog.Describe, pricing), null);
    }

    /// <summary>A day's usage from the daily totals, of one device or every device.</summary>
    public async Task<DayUsage> DayUsageAsync(Day day, DeviceSummary? device, CancellationToken cancellationToken) =>
        DayUsage.FromTotals(scanner.Window(day), await store.DayTotalsAsync(day, day, cancellationToken), catalog.Describe, pricing).Of(device);

    /// <summary>The month's days through <paramref name="through"/> (at most today), from the daily totals: a sum, never a scan.</summary>
    public async Task<MonthUsage> MonthUsageAsync(Month month, Day through, CancellationToken cancellationToken)
    {
        var today = scanner.Today();
        var last = new[] { through, today, month.Last }.Min();
        var days = DaysFrom(month.First, last);
        if (days.Count == 0) return new MonthUsage(month, [], []);
        var totals = (await store.DayTotalsAsync(month.First, last, cancellationToken)).ToLookup(t => t.Day);
        var scanned = await store.ScannedAsync(month.First, last, Retention.EveryDevice, cancellationToken);
        return new MonthUsage(
            month,
            days.Select(d => DayUsage.FromTotals(scanner.Window(d), totals[d], catalog.Describe, pricing)).ToList(),
            days.Where(d => !scanned.ContainsKey(d)).ToList());
    }

    /// <summary>
    /// A day's tasks, each with its creation time (for a chart's hours): the ledger's rows while it holds
    /// the day and still keeps its rows, else one scan, as /braket info reads a day it does not hold.
    /// </summary>
    public async Task<BraketResult<IReadOnlyList<QuantumTaskSummary>>> DayTasksAsync(Day day, DeviceSummary? device, CancellationToken cancellationToken)
    {
        if (day < Retention.OldestTaskDay(time.GetUtcNow()) || await FreshnessAsync(day, device, cancellationToken) is null)
            return await scanner.TasksAsync(scanner.Window(day), device, cancellationToken);
        var rows = await store.LedgerTasksAsync(day, null, cancellationToken);
        return new(rows.Select(t => t.Task).Where(t => device is null || t.DeviceArn == device.DeviceArn).ToList(), null);
    }

    /// <summary>The tasks the ledger holds of the day that a breach would cancel (CREATED or QUEUED).</summary>
    public async Task<IReadOnlyList<QuantumTaskSummary>> CancellableAsync(Day day, CancellationToken cancellationToken) =>
        (await store.LedgerTasksAsync(day, [QuantumTaskStatus.Created, QuantumTaskStatus.Queued], cancellationToken)).Select(t => t.Task).ToList();

    /// <summary>
    /// One paced scan of the days from..to (every device, or one), merged into the ledger, which then
    /// holds those days. Tasks the ledger has that the scan did not list (too new for the search, or
    /// never real) are asked of Braket one by one: known ones count as Braket describes them, unknown
    /// ones are dropped. Returns the tasks as Braket describes them, each with its origin (learnt once).
    /// </summary>
    public async Task<BraketResult<IReadOnlyList<QuantumTaskSummary>>> ScanAsync(Day from, Day to, DeviceSummary? device, CancellationToken cancellationToken)
    {
        var zone = capsOptions.CurrentValue.Zone;
        var days = DaysFrom(from, to);
        var scope = ScopeOf(device);
        var heldBefore = await store.ScannedAsync(from, to, scope, cancellationToken);
        var at = time.GetUtcNow(); // the scan's news is as of its start: an event that comes during it is newer
        var scanned = await scanner.TasksAsync(from.Window(zone).Start, to.Window(zone).End, device, cancellationToken);
        if (!scanned.IsSuccess) return scanned.Error!;

        var listed = scanned.Value!.Select(t => t.QuantumTaskArn).ToHashSet(StringComparer.Ordinal);
        var regions = scanner.RegionsOf(device);
        var unlisted = new List<QuantumTaskSummary>();
        foreach (var day in days)
            unlisted.AddRange((await store.LedgerTasksAsync(day, null, cancellationToken))
                .Select(t => t.Task)
                .Where(t => !listed.Contains(t.QuantumTaskArn) && (device is null || t.DeviceArn == device.DeviceArn)
                    && QuantumTaskArn.TryParse(t.QuantumTaskArn, out var arn) && regions.Contains(arn.Region)));
        var confirmed = await Task.WhenAll(unlisted.Select(t => ConfirmAsync(t, cancellationToken)));

        IReadOnlyList<QuantumTaskSummary> tasks = [.. scanned.Value!, .. confirmed.Select(c => c.Known).OfType<QuantumTaskSummary>()];
        var changes = await store.RecordAsync(tasks.Select(t => new LedgerTask(t, Day.Of(t.CreatedAt, zone), at)).ToList(), cancellationToken);
        var unknown = unlisted.Zip(confirmed).Where(p => p.Second.Unknown).Select(p => p.First.QuantumTaskArn).ToList();
        var dropped = await store.ForgetAsync(unknown, cancellationToken);
        await store.MarkScannedAsync(days, scope, at, cancellationToken);

        var (added, moved) = (changes.Count(c => c.Before is null), changes.Count(c => c.Before is not null));
        if (days.All(heldBefore.ContainsKey))
        {
            if (added + moved + dropped.Count > 0) LogDrift(from, to, scope, added, moved, dropped.Count);
        }
        else
        {
            LogFilled(from, to, scope, tasks.Count);
        }
        return new(await origins.WithOriginsAsync(tasks, cancellationToken), null);
    }

    /// <summary>
    /// An event is only a claim: the task counts as Braket describes it. Braket not knowing it drops it
    /// from the ledger; Braket not saying (a refusal, another account's task) leaves it uncounted this
    /// time, so one such task never stops a day's enforcement.
    /// </summary>
    private async Task<(QuantumTaskSummary? Known, bool Unknown)> ConfirmAsync(QuantumTaskSummary told, CancellationToken cancellationToken)
    {
        if (!QuantumTaskArn.TryParse(told.QuantumTaskArn, out var arn)) return (null, true);
        var known = await braket.GetQuantumTaskAsync(arn, cancellationToken);
        if (known.IsSuccess) return (known.Value, false);
        LogUnconfirmedTask(told.QuantumTaskArn, known.Error!.Kind);
        return (null, known.Error.Kind == BraketErrorKind.NotFound);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Ledger drift on {From}..{To} ({Scope}): the scan found {Added} tasks the ledger lacked and {Moved} whose status had moved on; {Dropped} tasks Braket does not know were dropped")]
    private partial void LogDrift(Day from, Day to, string scope, int added, int moved, int dropped);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ledger filled with {From}..{To} ({Scope}): {Tasks} tasks")]
    private partial void LogFilled(Day from, Day to, string scope, int tasks);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An event told of {Task}, which Braket did not confirm ({Kind}); it is not counted")]
    private partial void LogUnconfirmedTask(string task, BraketErrorKind kind);
}
