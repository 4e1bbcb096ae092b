using System.Globalization;
using BraketBot.Hosting;
using BraketBot.Ports;
using Microsoft.Extensions.Options;

namespace BraketBot.Usage;

/// <summary>
/// Usage from the ledger the store keeps: what events (and BraketBot's own cancels) recorded, filled
/// and repaired by scans. A day is held once a scan of it is merged; from then on its usage is a sum
/// of daily totals, not a Braket call, and events keep it current. Scans merge what they see, confirm
/// with Braket the tasks only an event told of, and say what the ledger had missed.
/// </summary>
[HotPath]
public sealed partial class UsageLedger(
    IKeyValueStore valueStore,
    ILedgerStore ledgerStore,
    IBraketApi braket,
    DayScanner scanner,
    RegionFailureLog uncheckedRegions,
    DeviceCatalog catalog,
    Pricing pricing,
    TaskOrigins origins,
    JobBook jobs,
    IOptionsMonitor<CapsOptions> capsOptions,
    TimeProvider time,
    ILogger<UsageLedger> logger
)
{
    /// <summary>Where the time of the last event received is kept (written by whoever takes events).</summary>
    public const string LastEventKey = "ledger:last-event";

    public static string LastEventValue(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>
    /// How far before a region's last tick its next one looks for new tasks: a task Braket lists a little
    /// after it was created (its search lags), or stamped by a clock a little behind, is not missed.
    /// </summary>
    public static readonly TimeSpan WatermarkOverlap = TimeSpan.FromMinutes(2);

    /// <summary>More not-ended tasks than this that a region's searches did not list make its ledger suspect: a full scan.</summary>
    public const int MaxChecksPerRegion = 50;

    /// <summary>The statuses a task can still leave: a tick asks Braket for these.</summary>
    public static readonly IReadOnlyList<QuantumTaskStatus> NotEnded =
    [
        QuantumTaskStatus.Created,
        QuantumTaskStatus.Queued,
        QuantumTaskStatus.Running,
        QuantumTaskStatus.Cancelling,
    ];

    /// <summary>Where a region's last reconcile tick (its start) is kept.</summary>
    public static string WatermarkKey(string region) => $"ledger:watermark:{region}";

    private static string ScopeOf(DeviceSummary? device) => device?.DeviceArn ?? Retention.EveryDevice;

    private static IReadOnlyList<Day> DaysFrom(Day from, Day to) =>
        Enumerable.Range(0, Math.Max(0, to.Date.DayNumber - from.Date.DayNumber + 1)).Select(from.AddDays).ToList();

    /// <summary>The days from..to the ledger does not hold for the device (or for every device).</summary>
    public async Task<IReadOnlyList<Day>> MissingAsync(Day from, Day to, DeviceSummary? device, CancellationToken cancellationToken)
    {
        var scanned = await ledgerStore.ScannedAsync(from, to, ScopeOf(device), cancellationToken);
        return DaysFrom(from, to).Where(d => !scanned.ContainsKey(d)).ToList();
    }

    /// <summary>How fresh the ledger's word on the day is, or null when it does not hold the day (for that device).</summary>
    public async Task<LedgerFreshness?> FreshnessAsync(Day day, DeviceSummary? device, CancellationToken cancellationToken)
    {
        var scanned = await ledgerStore.ScannedAsync(day, day, ScopeOf(device), cancellationToken);
        if (!scanned.TryGetValue(day, out var scannedAt))
            return null;
        return new LedgerFreshness(ParseTime(await valueStore.GetValueAsync(LastEventKey, cancellationToken)), scannedAt);
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
        if (!scanned.IsSuccess)
            return scanned.Error!;
        var tasks = await origins.WithOriginsAsync(scanned.Value!, cancellationToken);
        var usage = DayUsage.From(window, tasks, catalog.Describe, pricing);
        return new DayReading((await jobs.WithInstancesAsync([usage], null, cancellationToken))[0].Of(device), null, tasks);
    }

    /// <summary>A day's usage from the daily totals (and its hybrid jobs' instances), of one device or every device.</summary>
    public async Task<DayUsage> DayUsageAsync(Day day, DeviceSummary? device, CancellationToken cancellationToken)
    {
        var totals = await ledgerStore.DayTotalsAsync(day, day, cancellationToken);
        var usage = DayUsage.FromTotals(scanner.Window(day), totals, catalog.Describe, pricing);
        return (await jobs.WithInstancesAsync([usage], null, cancellationToken))[0].Of(device);
    }

    /// <summary>The month's days through <paramref name="through"/> (at most today), from the daily totals: a sum, never a scan.</summary>
    public async Task<MonthUsage> MonthUsageAsync(Month month, Day through, CancellationToken cancellationToken)
    {
        var totals = await MonthTotalsAsync(month, through, cancellationToken);
        return totals with { Days = await jobs.WithInstancesAsync(totals.Days, null, cancellationToken) };
    }

    /// <summary>
    /// As <see cref="MonthUsageAsync"/> through today, never asking Braket (the Home tab's read): hybrid jobs' instances
    /// are priced from what the store knows of them, and the jobs it has no word on are named instead.
    /// </summary>
    public async Task<(MonthUsage Month, IReadOnlyList<string> UndescribedJobs)> KnownMonthUsageAsync(
        Day today,
        CancellationToken cancellationToken
    )
    {
        var totals = await MonthTotalsAsync(Month.Of(today), today, cancellationToken);
        var (days, undescribed) = await jobs.WithKnownInstancesAsync(totals.Days, cancellationToken);
        return (totals with { Days = days }, undescribed);
    }

    /// <summary>The month's days through <paramref name="through"/> (at most today) from the daily totals, no jobs' instances.</summary>
    private async Task<MonthUsage> MonthTotalsAsync(Month month, Day through, CancellationToken cancellationToken)
    {
        var today = scanner.Today();
        var last = new[] { through, today, month.Last }.Min();
        var days = DaysFrom(month.First, last);
        if (days.Count == 0)
            return new MonthUsage(month, [], []);
        var totals = (await ledgerStore.DayTotalsAsync(month.First, last, cancellationToken)).ToLookup(t => t.Day);
        var scanned = await ledgerStore.ScannedAsync(month.First, last, Retention.EveryDevice, cancellationToken);
        var usages = days.Select(d => DayUsage.FromTotals(scanner.Window(d), totals[d], catalog.Describe, pricing)).ToList();
        return new MonthUsage(month, usages, days.Where(d => !scanned.ContainsKey(d)).ToList());
    }

    /// <summary>
    /// A day's tasks, each with its creation time (for a chart's hours): the ledger's rows while it holds
    /// the day and still keeps its rows, else one scan, as /braket info reads a day it does not hold.
    /// </summary>
    public async Task<BraketResult<IReadOnlyList<QuantumTaskSummary>>> DayTasksAsync(
        Day day,
        DeviceSummary? device,
        CancellationToken cancellationToken
    )
    {
        if (day < Retention.OldestTaskDay(time.GetUtcNow()) || await FreshnessAsync(day, device, cancellationToken) is null)
            return await scanner.TasksAsync(scanner.Window(day), device, cancellationToken);
        var rows = await ledgerStore.LedgerTasksAsync(day, null, cancellationToken);
        return new(rows.Select(t => t.Task).Where(t => device is null || t.DeviceArn == device.DeviceArn).ToList(), null);
    }

    /// <summary>
    /// The tasks the ledger holds of the day that a breach would cancel (CREATED or QUEUED), none of a region
    /// left out of the decision; when <paramref name="confirmedOnly"/>, only those Braket confirmed.
    /// </summary>
    public async Task<IReadOnlyList<QuantumTaskSummary>> CancellableAsync(
        Day day,
        bool confirmedOnly,
        IReadOnlySet<string> unread,
        CancellationToken cancellationToken
    ) =>
        (await ledgerStore.LedgerTasksAsync(day, [QuantumTaskStatus.Created, QuantumTaskStatus.Queued], cancellationToken))
            .Where(t => (t.Confirmed || !confirmedOnly) && !unread.Contains(RegionOf(t.Task)))
            .Select(t => t.Task)
            .ToList();

    /// <summary>
    /// The CREATED or QUEUED tasks of the days from..to that Braket confirmed but whose origin is not known yet (a scan
    /// listed them, no event told of them): each may be reserved, so a decision leaves them out, and a run checks each
    /// just before its cancel.
    /// </summary>
    public async Task<IReadOnlyList<LedgerTask>> UncheckedAsync(Day from, Day to, CancellationToken cancellationToken)
    {
        var rows = new List<LedgerTask>();
        foreach (var day in DaysFrom(from, to))
            rows.AddRange(
                (await ledgerStore.LedgerTasksAsync(day, [QuantumTaskStatus.Created, QuantumTaskStatus.Queued], cancellationToken)).Where(
                    t => t.Confirmed && t.Task.Origin is null
                )
            );
        return rows;
    }

    /// <summary>
    /// The days from..to as a decision may count them: the daily totals without the tasks Braket has not
    /// confirmed, without <paramref name="leftOut"/> (confirmed rows a lower bound leaves out), and without the
    /// devices of the regions in <paramref name="unread"/>.
    /// </summary>
    public async Task<IReadOnlyList<DayUsage>> ConfirmedDaysAsync(
        Day from,
        Day to,
        IReadOnlySet<string> unread,
        IReadOnlyList<LedgerTask> leftOut,
        CancellationToken cancellationToken
    )
    {
        var totals = await ledgerStore.DayTotalsAsync(from, to, cancellationToken);
        var unconfirmed = Ledger.TotalDeltas(
            (await ledgerStore.UnconfirmedTasksAsync(from, to, cancellationToken)).Concat(leftOut).Select(t => new LedgerChange(t, null))
        );
        var net = totals
            .Concat(unconfirmed)
            .GroupBy(t => (t.Day, t.DeviceArn, t.Status, t.Billing))
            .Select(g => new DayTally(
                g.Key.Day,
                g.Key.DeviceArn,
                g.Key.Status,
                g.Aggregate(StatusTally.None, (sum, t) => sum.Add(t.Tally)),
                g.Key.Billing
            ))
            .Where(t => !unread.Contains(catalog.Describe(t.DeviceArn).Region))
            .ToLookup(t => t.Day);
        var days = DaysFrom(from, to).Select(d => DayUsage.FromTotals(scanner.Window(d), net[d], catalog.Describe, pricing)).ToList();
        return await jobs.WithInstancesAsync(days, unread, cancellationToken);
    }

    /// <summary>
    /// Each budget's own usage of the day (and, under a monthly cap of it, of its month to the day) from the
    /// ledger's task rows: the tasks carrying its tag, in the statuses that count, and the instances of the hybrid jobs
    /// carrying it. When <paramref name="confirmedOnly"/>, only rows Braket confirmed, none of a region left out (nor its
    /// jobs) nor of <paramref name="leftOut"/> (ARNs a lower bound leaves out). A task whose tags are not known yet counts in
    /// no budget.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, BudgetUsage>> BudgetUsagesAsync(
        Day day,
        bool confirmedOnly,
        IReadOnlySet<string> unread,
        IReadOnlySet<string> leftOut,
        CancellationToken cancellationToken
    )
    {
        var budgets = Budgets();
        if (budgets.Count == 0)
            return new Dictionary<string, BudgetUsage>();
        var withMonth = budgets.Where(b => b.WithMonth).Select(b => b.Scope.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var (windows, rows) = await CountedRowsAsync(withMonth.Count > 0 ? Month.Of(day).First : day, day, cancellationToken);
        var kept = rows.Where(r =>
                !confirmedOnly || (r.Confirmed && !unread.Contains(RegionOf(r.Task)) && !leftOut.Contains(r.Task.QuantumTaskArn))
            )
            .ToList();
        var described = await jobs.JobsAsync(windows[0].Day, day, unread, cancellationToken);
        return budgets.ToDictionary(
            b => b.Scope.Name,
            b =>
                BudgetUsage.From(
                    b.Scope,
                    b.WithMonth ? windows : [windows[^1]],
                    kept,
                    b.WithMonth,
                    catalog.Describe,
                    pricing,
                    JobsOf(b.Scope, described)
                ),
            StringComparer.OrdinalIgnoreCase
        );
    }

    /// <summary>
    /// Each budget's day and (when <paramref name="withMonth"/>) month to the day, and the rest (tasks in no budget),
    /// from the ledger's task rows as it holds them (events and all), for people: /braket budgets, and info's split by budget.
    /// With <paramref name="knownJobsOnly"/> (the Home tab) hybrid jobs count as last described, and Braket is never asked.
    /// </summary>
    public async Task<(IReadOnlyDictionary<string, BudgetUsage> Budgets, BudgetUsage Outside)> BudgetsReadingAsync(
        Day day,
        bool withMonth,
        bool knownJobsOnly,
        CancellationToken cancellationToken
    )
    {
        var budgets = Budgets();
        var (windows, rows) = await CountedRowsAsync(withMonth ? Month.Of(day).First : day, day, cancellationToken);
        var scopes = budgets.Select(b => b.Scope).ToList();
        var described = knownJobsOnly
            ? await jobs.KnownJobsAsync(windows[0].Day, day, cancellationToken)
            : await jobs.JobsAsync(windows[0].Day, day, null, cancellationToken);
        var outside = described.Where(j => !scopes.Any(s => s.Covers(j.Job, j.Device)));
        return (
            budgets.ToDictionary(
                b => b.Scope.Name,
                b => BudgetUsage.From(b.Scope, windows, rows, withMonth, catalog.Describe, pricing, JobsOf(b.Scope, described)),
                StringComparer.OrdinalIgnoreCase
            ),
            BudgetUsage.Outside(scopes, windows, rows, catalog.Describe, pricing, days => jobs.WithInstances(days, outside))
        );
    }

    /// <summary>
    /// Makes sure the ledger holds the day (every device), scanning it in when it does not, for reports read from
    /// its task rows; the scan's error when no region answered, else null.
    /// </summary>
    public async Task<BraketError?> HoldAsync(Day day, CancellationToken cancellationToken) =>
        await FreshnessAsync(day, null, cancellationToken) is null ? (await ScanAsync(day, day, null, cancellationToken)).Error : null;

    /// <summary>The budget's tasks of a day, in every status, from the ledger's task rows, and its hybrid jobs' instances.</summary>
    public async Task<DayUsage> BudgetDayAsync(BudgetScope budget, Day day, CancellationToken cancellationToken)
    {
        var rows = await ledgerStore.LedgerTasksAsync(day, null, cancellationToken);
        var described = await jobs.JobsAsync(day, day, null, cancellationToken);
        return BudgetUsage.From(budget, [scanner.Window(day)], rows, false, catalog.Describe, pricing, JobsOf(budget, described)).Day;
    }

    /// <summary>
    /// The budget's month through the day (and today), day by day, from the ledger's task rows in the statuses the caps count,
    /// with the days the ledger does not hold: a budget's month chart.
    /// </summary>
    public async Task<MonthUsage> BudgetMonthAsync(BudgetScope budget, Month month, Day through, CancellationToken cancellationToken)
    {
        var last = new[] { through, scanner.Today(), month.Last }.Min();
        if (last < month.First)
            return new MonthUsage(month, [], []);
        var (windows, rows) = await CountedRowsAsync(month.First, last, cancellationToken);
        var missing = await MissingAsync(month.First, last, null, cancellationToken);
        var described = await jobs.JobsAsync(month.First, last, null, cancellationToken);
        return new MonthUsage(
            month,
            BudgetUsage.Days(budget, windows, rows, catalog.Describe, pricing, JobsOf(budget, described)),
            missing
        );
    }

    /// <summary>What adds to a budget's days the instances of the hybrid jobs that carry its tag (on its devices).</summary>
    private Func<IReadOnlyList<DayUsage>, IReadOnlyList<DayUsage>> JobsOf(
        BudgetScope budget,
        IReadOnlyList<(HybridJob Job, DeviceSummary Device)> described
    ) => days => jobs.WithInstances(days, described.Where(j => budget.Covers(j.Job, j.Device)));

    /// <summary>The budgets with a cap (all, once validated), each with whether it has a monthly one.</summary>
    private List<(BudgetScope Scope, bool WithMonth)> Budgets() =>
        capsOptions
            .CurrentValue.Budgets.Where(b => b.Value.AnyCap)
            .Select(b => (Scope: BudgetScope.Of(b.Key, b.Value), WithMonth: b.Value.HasMonthCap))
            .Where(b => b.Scope is not null)
            .Select(b => (b.Scope!, b.WithMonth))
            .ToList();

    /// <summary>The ledger's task rows of the days from..to in the statuses the caps count, with the days' windows.</summary>
    private async Task<(IReadOnlyList<DayWindow> Windows, IReadOnlyList<LedgerTask> Rows)> CountedRowsAsync(
        Day from,
        Day to,
        CancellationToken cancellationToken
    )
    {
        var counted = CapPolicy.CountedStatuses(capsOptions.CurrentValue.Basis);
        var days = DaysFrom(from, to);
        var rows = new List<LedgerTask>();
        foreach (var day in days)
            rows.AddRange(await ledgerStore.LedgerTasksAsync(day, counted, cancellationToken));
        return (days.Select(scanner.Window).ToList(), rows);
    }

    /// <summary>The oldest merged scan of the days from..to (for the device or every device); null when one was never scanned.</summary>
    public async Task<DateTimeOffset?> OldestScanAsync(Day from, Day to, DeviceSummary? device, CancellationToken cancellationToken)
    {
        var scanned = await ledgerStore.ScannedAsync(from, to, ScopeOf(device), cancellationToken);
        return DaysFrom(from, to).All(scanned.ContainsKey) ? DaysFrom(from, to).Min(d => scanned[d]) : null;
    }

    /// <summary>
    /// One scan of the days from..to (every device, or one), merged into the ledger, which then holds those
    /// days; a region that fails does not stop the others (the scan answers an error only when none answered).
    /// Returns the tasks as Braket describes them, each with its origin (learnt once).
    /// </summary>
    public async Task<BraketResult<IReadOnlyList<QuantumTaskSummary>>> ScanAsync(
        Day from,
        Day to,
        DeviceSummary? device,
        CancellationToken cancellationToken
    )
    {
        var scan = await ScanRegionsAsync(from, to, device, null, ScanPace.Urgent, deferQueuedOrigins: false, cancellationToken);
        return scan.Answered.Count > 0 || scan.Failed.Count == 0
            ? new BraketResult<IReadOnlyList<QuantumTaskSummary>>(scan.Tasks, null)
            : scan.AllOrNothing();
    }

    /// <summary>
    /// One paced scan of the days from..to in <paramref name="regions"/> (null: every region of the scope),
    /// merged into the ledger as Braket's word. Tasks the ledger has in a region that answered but the scan
    /// did not list (too new for the search, or never real) are asked of Braket one by one: known ones count
    /// as Braket describes them, unknown ones are dropped. The regions that failed are noted, and the days are
    /// held from now on if any region answered (the failed ones are owed, and retried by the reconcile).
    /// With <paramref name="deferQueuedOrigins"/> (a cap evaluation's scan) the origins of CREATED and QUEUED tasks
    /// are not learnt here: the decision leaves unchecked ones out, and a run checks each just before its cancel.
    /// </summary>
    public async Task<RegionalTasks> ScanRegionsAsync(
        Day from,
        Day to,
        DeviceSummary? device,
        IReadOnlyList<string>? regions,
        ScanPace pace,
        bool deferQueuedOrigins,
        CancellationToken cancellationToken
    )
    {
        var zone = capsOptions.CurrentValue.Zone;
        var days = DaysFrom(from, to);
        var scope = ScopeOf(device);
        var heldBefore = await ledgerStore.ScannedAsync(from, to, scope, cancellationToken);
        var at = time.GetUtcNow(); // the scan's news is as of its start: an event that comes during it is newer
        var scanned = await scanner.TasksByRegionAsync(
            from.Window(zone).Start,
            to.Window(zone).End,
            device,
            regions,
            pace,
            cancellationToken
        );

        var listed = scanned.Tasks.Select(t => t.QuantumTaskArn).ToHashSet(StringComparer.Ordinal);
        var unlisted = new List<QuantumTaskSummary>();
        foreach (var day in days)
            unlisted.AddRange(
                (await ledgerStore.LedgerTasksAsync(day, null, cancellationToken))
                    .Select(t => t.Task)
                    .Where(t => !listed.Contains(t.QuantumTaskArn) && (device is null || t.DeviceArn == device.DeviceArn))
                    .Where(t => scanned.Answered.Contains(RegionOf(t)))
            );
        var (known, changes, dropped) = await MergeAsync(scanned.Tasks, unlisted, at, cancellationToken);
        if (scanned.Answered.Count > 0 && regions is null)
            await ledgerStore.MarkScannedAsync(days, scope, at, cancellationToken);
        if (device is null && to >= scanner.Today())
            await AdvanceWatermarksAsync(scanned.Answered, from, at, cancellationToken);
        await uncheckedRegions.NoteAsync(scanned, from, device is null, cancellationToken);

        if (days.All(heldBefore.ContainsKey))
            LogDriftIfAny(from, to, scope, changes, dropped);
        else
            LogFilled(from, to, scope, scanned.Tasks.Count);
        IReadOnlyList<QuantumTaskSummary> seen = [.. scanned.Tasks, .. known];
        if (!deferQueuedOrigins)
            return scanned with { Tasks = await origins.WithOriginsAsync(seen, cancellationToken) };
        var deferred = seen.Where(t => t.Status.IsCancellable()).ToList();
        return scanned with
        {
            Tasks =
            [
                .. await origins.WithOriginsAsync(seen.Where(t => !t.Status.IsCancellable()).ToList(), cancellationToken),
                .. deferred,
            ],
        };
    }

    /// <summary>
    /// The reconcile's tick over every device, whose cost does not grow with the day: in each region, the
    /// tasks created since its last tick (its watermark, less <see cref="WatermarkOverlap"/>) and the tasks
    /// not yet ended, by two filtered searches; what the ledger holds as not ended, or unconfirmed, that
    /// neither listed is asked of Braket one by one. A region without a watermark, that owes a scan, or
    /// with more such tasks than <see cref="MaxChecksPerRegion"/> (a suspect ledger) is scanned in full, paced.
    /// </summary>
    public async Task<RegionalTasks> RefreshAsync(Day from, Day to, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        var owed = (await uncheckedRegions.CurrentAsync(cancellationToken)).ToDictionary(
            f => f.Region,
            f => f.Since,
            StringComparer.Ordinal
        );
        var regions = scanner.RegionsOf(null);
        var watermarks = new Dictionary<string, DateTimeOffset?>(StringComparer.Ordinal);
        foreach (var region in regions)
            watermarks[region] = ParseTime(await valueStore.GetValueAsync(WatermarkKey(region), cancellationToken));

        var results = new List<RegionalTasks>();
        var incremental = regions.Where(r => !owed.ContainsKey(r) && watermarks[r] is not null).ToList();
        if (incremental.Count > 0)
        {
            var since = incremental.Min(r => watermarks[r]!.Value) - WatermarkOverlap;
            var (changed, suspect) = await ChangedSinceAsync(incremental, since, from, to, at, cancellationToken);
            results.Add(changed);
            foreach (var (region, day) in suspect)
                owed[region] = day;
        }
        var oldest = Retention.OldestTaskDay(at);
        foreach (var region in regions.Where(r => !incremental.Contains(r) || owed.ContainsKey(r)))
        {
            var owedFrom = owed.TryGetValue(region, out var day) ? day : from;
            var rescanFrom = owedFrom < oldest ? oldest : owedFrom;
            results.Add(
                await ScanRegionsAsync(rescanFrom, to, null, [region], ScanPace.Background, deferQueuedOrigins: false, cancellationToken)
            );
        }

        var answered = regions.Where(r => results.Any(x => x.Answered.Contains(r)) && !results.Any(x => x.Failed.ContainsKey(r))).ToList();
        await AdvanceWatermarksAsync(answered, null, at, cancellationToken);
        await jobs.RefreshActiveAsync(from, to, cancellationToken); // a running job's minutes and end, for its instances' cost
        if (answered.Count == regions.Count)
            await ledgerStore.MarkScannedAsync(DaysFrom(from, to), Retention.EveryDevice, at, cancellationToken);
        return new RegionalTasks(
            results.SelectMany(r => r.Tasks).DistinctBy(t => t.QuantumTaskArn).ToList(),
            answered,
            results.SelectMany(r => r.Failed).GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal)
        );
    }

    /// <summary>
    /// The incremental part of a tick: tasks created since <paramref name="since"/>, tasks not yet ended,
    /// and the ledger's own not-ended or unconfirmed tasks that neither search listed, asked one by one.
    /// Returns what Braket said, and the regions whose ledger is suspect (with the first day to rescan).
    /// </summary>
    private async Task<(RegionalTasks Changed, IReadOnlyList<(string Region, Day From)> Suspect)> ChangedSinceAsync(
        IReadOnlyList<string> regions,
        DateTimeOffset since,
        Day from,
        Day to,
        DateTimeOffset at,
        CancellationToken cancellationToken
    )
    {
        var zone = capsOptions.CurrentValue.Zone;
        var (start, end) = (from.Window(zone).Start, to.Window(zone).End);
        await catalog.GetDevicesAsync(cancellationToken); // names for every ARN the searches meet
        var created = await braket.SearchRegionsAsync(
            regions,
            TaskSearch.CreatedFilters(null, since, end),
            t => t.CreatedAt >= since && t.CreatedAt < end,
            ScanPace.Background,
            time,
            cancellationToken
        );
        var open = await braket.SearchRegionsAsync(
            regions,
            [.. TaskSearch.CreatedFilters(null, start, end), QuantumTaskFilter.Status([.. NotEnded])],
            t => t.CreatedAt >= start && t.CreatedAt < end,
            ScanPace.Background,
            time,
            cancellationToken
        );
        var answered = created.Answered.Intersect(open.Answered).ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<QuantumTaskSummary> listed = [.. created.Tasks.Concat(open.Tasks).DistinctBy(t => t.QuantumTaskArn)];

        var arns = listed.Select(t => t.QuantumTaskArn).ToHashSet(StringComparer.Ordinal);
        var held = new List<LedgerTask>(await ledgerStore.UnconfirmedTasksAsync(from, to, cancellationToken));
        foreach (var day in DaysFrom(from, to))
            held.AddRange(await ledgerStore.LedgerTasksAsync(day, NotEnded, cancellationToken));
        var toCheck = held.Where(t => !arns.Contains(t.Task.QuantumTaskArn) && answered.Contains(RegionOf(t.Task)))
            .DistinctBy(t => t.Task.QuantumTaskArn)
            .GroupBy(t => RegionOf(t.Task))
            .ToList();
        var suspect = toCheck.Where(g => g.Count() > MaxChecksPerRegion).Select(g => (g.Key, g.Min(t => t.Day))).ToList();
        var unlisted = toCheck.Where(g => g.Count() <= MaxChecksPerRegion).SelectMany(g => g.Select(t => t.Task)).ToList();

        var (known, changes, dropped) = await MergeAsync(listed, unlisted, at, cancellationToken);
        LogDriftIfAny(from, to, Retention.EveryDevice, changes, dropped);
        var failed = created
            .Failed.Concat(open.Failed)
            .GroupBy(f => f.Key)
            .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        var changed = new RegionalTasks(
            await origins.WithOriginsAsync([.. listed, .. known], cancellationToken),
            [.. answered.Where(r => !suspect.Any(s => s.Key == r))],
            failed
        );
        await uncheckedRegions.NoteAsync(changed, Day.Of(since, zone), everyDevice: true, cancellationToken);
        return (changed, suspect);
    }

    /// <summary>
    /// Moves the regions' watermarks to <paramref name="at"/>: after a tick, or after a scan of every device
    /// through today that starts no later than the region's last tick looked (<paramref name="scannedFrom"/>).
    /// </summary>
    private async Task AdvanceWatermarksAsync(
        IEnumerable<string> regions,
        Day? scannedFrom,
        DateTimeOffset at,
        CancellationToken cancellationToken
    )
    {
        var zone = capsOptions.CurrentValue.Zone;
        foreach (var region in regions)
        {
            var mark = ParseTime(await valueStore.GetValueAsync(WatermarkKey(region), cancellationToken));
            if (mark >= at)
                continue;
            if (scannedFrom is { } from && mark is { } last && Day.Of(last - WatermarkOverlap, zone) < from)
                continue;
            await valueStore.SetValueAsync(WatermarkKey(region), LastEventValue(at), cancellationToken);
        }
    }

    /// <summary>
    /// Asks Braket of each task the ledger holds but has not confirmed in the days from..to (at most one
    /// call per task: a known one is confirmed from then on, an unknown one dropped).
    /// </summary>
    public async Task ConfirmAsync(Day from, Day to, CancellationToken cancellationToken)
    {
        var unconfirmed = await ledgerStore.UnconfirmedTasksAsync(from, to, cancellationToken);
        var (_, changes, dropped) = await MergeAsync([], unconfirmed.Select(t => t.Task).ToList(), time.GetUtcNow(), cancellationToken);
        LogDriftIfAny(from, to, Retention.EveryDevice, changes, dropped);
    }

    /// <summary>Records what Braket listed and, of the tasks it did not list, what it says of each; drops those it does not know.</summary>
    private async Task<(IReadOnlyList<QuantumTaskSummary> Known, IReadOnlyList<LedgerChange> Changes, int Dropped)> MergeAsync(
        IReadOnlyList<QuantumTaskSummary> listed,
        IReadOnlyList<QuantumTaskSummary> unlisted,
        DateTimeOffset at,
        CancellationToken cancellationToken
    )
    {
        var zone = capsOptions.CurrentValue.Zone;
        var confirmed = await Task.WhenAll(unlisted.Select(t => ConfirmAsync(t, cancellationToken)));
        var known = confirmed.Select(c => c.Known).OfType<QuantumTaskSummary>().ToList();
        var changes = await ledgerStore.RecordAsync(
            listed.Concat(known).Select(t => new LedgerTask(t, Day.Of(t.CreatedAt, zone), at) { Confirmed = true }).ToList(),
            cancellationToken
        );
        var unknown = unlisted.Zip(confirmed).Where(p => p.Second.Unknown).Select(p => p.First.QuantumTaskArn).ToList();
        var dropped = await ledgerStore.ForgetAsync(unknown, cancellationToken);
        return (known, changes, dropped.Count);
    }

    private void LogDriftIfAny(Day from, Day to, string scope, IReadOnlyList<LedgerChange> changes, int dropped)
    {
        var added = changes.Count(c => c.Before is null);
        var moved = changes.Count(c => c.Before is not null && c.Before.Task.Status != c.After?.Task.Status);
        if (added + moved + dropped > 0)
            LogDrift(from, to, scope, added, moved, dropped);
    }

    /// <summary>
    /// An event is only a claim: the task counts as Braket describes it. Braket not knowing it drops it
    /// from the ledger; Braket not saying (a refusal, another account's task) leaves it unconfirmed, and
    /// uncounted, this time, so one such task never stops a day's enforcement.
    /// </summary>
    private async Task<(QuantumTaskSummary? Known, bool Unknown)> ConfirmAsync(QuantumTaskSummary told, CancellationToken cancellationToken)
    {
        if (!QuantumTaskArn.TryParse(told.QuantumTaskArn, out var arn))
            return (null, true);
        var known = await braket.GetQuantumTaskAsync(arn, cancellationToken);
        if (known.IsSuccess)
            return (known.Value, false);
        LogUnconfirmedTask(told.QuantumTaskArn, known.Error!.Kind);
        return (null, known.Error.Kind == BraketErrorKind.NotFound);
    }

    private static string RegionOf(QuantumTaskSummary task) => QuantumTaskArn.TryParse(task.QuantumTaskArn, out var arn) ? arn.Region : "";

    private static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Ledger drift on {From}..{To} ({Scope}): the scan found {Added} tasks the ledger lacked and {Moved} whose status had "
            + "moved on; {Dropped} tasks Braket does not know were dropped"
    )]
    private partial void LogDrift(Day from, Day to, string scope, int added, int moved, int dropped);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ledger filled with {From}..{To} ({Scope}): {Tasks} tasks")]
    private partial void LogFilled(Day from, Day to, string scope, int tasks);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An event told of {Task}, which Braket did not confirm ({Kind}); it is not counted")]
    private partial void LogUnconfirmedTask(string task, BraketErrorKind kind);
}
