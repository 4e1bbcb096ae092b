using BraketBot.Hosting;
using BraketBot.Limits;
using BraketBot.Ports;
using BraketBot.Telemetry;
using BraketBot.Usage;
using Microsoft.Extensions.Options;

namespace BraketBot.Enforcement;

/// <summary>
/// Evaluates the caps of one day (and of its month) and plans what follows. Usage comes from the
/// ledger: in steady state an evaluation makes no Braket call. When the ledger sees something to do
/// (a cap newly crossed, or queued tasks in a breached scope), one scan of the scope confirms it, and
/// only Braket's word is acted on; a scan also fills the days the ledger does not hold yet. What is
/// acted on is one stored run that alerts and cancels. Alerts (one per period, scope, cap and level)
/// and tasks are claimed with the run, all or nothing, so no alert is posted twice and no task is in
/// two runs.
/// </summary>
[HotPath]
public sealed partial class CapEnforcer(
    UsageLedger ledger,
    DayScanner scanner,
    DeviceCatalog catalog,
    Pricing pricing,
    IClaimStore store,
    RunLauncher runs,
    JobCancellation jobs,
    TaskOrigins origins,
    BraketSpendingLimits nativeLimits,
    RegionFailureLog uncheckedRegions,
    IOptionsMonitor<CapsOptions> capsOptions,
    IOptionsMonitor<AlertOptions> alertOptions,
    BraketBotMetrics metrics,
    TimeProvider time,
    ILogger<CapEnforcer> logger
)
{
    /// <summary>Another evaluation may plan at the same moment (a reconcile beside an event's); then plan again.</summary>
    private const int PlanAttempts = 3;

    /// <summary>
    /// What a decision is made from: the day's usage, each budget's own, the caps' standings, the tasks a breach
    /// would cancel, and the regions left out because they could not be read.
    /// </summary>
    private sealed record View(
        DayUsage Usage,
        IReadOnlyDictionary<string, BudgetUsage> Budgets,
        IReadOnlyList<CapStanding> Standings,
        IReadOnlyList<QuantumTaskSummary> Tasks,
        IReadOnlyList<RegionFailure> Unread
    )
    {
        /// <summary>The usage a group of caps is about: a budget's own, or every task's.</summary>
        public DayUsage UsageOf(BudgetScope? budget) => budget is null ? Usage : Budgets[budget.Name].Day;

        /// <summary>
        /// The view of one alert's caps: the account's and devices' together, or one budget's, each alerted
        /// (and posted in its channel) on its own, budgets after the others so that a wider run takes its tasks first.
        /// </summary>
        public IEnumerable<(BudgetScope? Budget, View View)> Groups() =>
            Standings
                .GroupBy(s => s.Cap.Scope.Budget)
                .OrderBy(g => g.Key is not null)
                .ThenBy(g => g.Key?.Name, StringComparer.OrdinalIgnoreCase)
                .Select(g => (g.Key, this with { Standings = g.ToList() }));
    }

    private sealed record Plan(
        EnforcementRun Run,
        IReadOnlyList<string> TaskClaims,
        IReadOnlyList<(string Key, DateTimeOffset PeriodEnd)> AlertClaims
    );

    /// <summary>Earlier days of the month scanned this recently are not scanned again before a monthly breach cancels.</summary>
    public static readonly TimeSpan EarlierDaysFreshFor = TimeSpan.FromHours(1);

    public async Task EvaluateAsync(EvaluationRequest request, CancellationToken cancellationToken)
    {
        // quota queue order
        using var priority = BraketPriority.Enter(request.Reconcile ? BraketPriority.Reconcile : BraketPriority.Enforcement);
        var caps = capsOptions.CurrentValue;
        if (!caps.AnyCap && !request.Reconcile)
            return; // nothing to decide; without caps only the reconcile keeps the ledger
        var day = request.Day;
        var device = request.DeviceArn is null ? null : catalog.Describe(request.DeviceArn);
        // The days a decision rests on: the day, and the month up to it under a monthly cap (the reconcile keeps the month for reports
        // too).
        var from = caps.HasMonthCaps || request.Reconcile ? Month.Of(day).First : day;
        var missing = await ledger.MissingAsync(from, day, device, cancellationToken);

        var answered = new HashSet<string>(StringComparer.Ordinal);
        // An evaluation's scans leave queued tasks' origins for after the decision (the reconcile's learn them as they go).
        var deferred = !request.Reconcile && caps.AnyCap;
        // A scan fills the days the ledger lacks (only those); the reconcile's tick asks Braket what can have changed in the others.
        if (missing.Count > 0)
        {
            var pace = request.Reconcile ? ScanPace.Background : ScanPace.Urgent;
            Require(await ledger.ScanRegionsAsync(missing.Min(), missing.Max(), device, null, pace, deferred, cancellationToken), answered);
        }
        var scanned = missing.Contains(day) || request.Reconcile; // either way the day is Braket's word for the decision
        if (request.Reconcile && !missing.Contains(day))
            Require(await ledger.RefreshAsync(from, day, cancellationToken), answered);
        if (!caps.AnyCap)
            return;

        // The ledger's word, unconfirmed news and all: nothing to do costs no Braket call.
        var told = await ViewAsync(request, caps, confirmedOnly: false, answered, [], cancellationToken);
        if (!await CallsForActionAsync(request, caps, told, cancellationToken))
        {
            if (deferred && missing.Count > 0)
                await LearnDeferredOriginsAsync(request, from, cancellationToken);
            return;
        }
        if (!scanned)
        {
            LogConfirming(day, request.DeviceArn ?? "every device", request.Trigger);
            Require(await ledger.ScanRegionsAsync(day, day, device, null, ScanPace.Urgent, deferred, cancellationToken), answered);
        }
        await ConfirmEarlierDaysAsync(request, caps, told, device, cancellationToken);

        // Braket's word: only confirmed tasks, only regions that answered.
        var view = await DecidingViewAsync(request, caps, from, answered, cancellationToken);
        var acted = false;
        foreach (var (budget, group) in view.Groups())
            acted |= await ActAsync(request, caps, group, budget, cancellationToken);
        if (!acted && !scanned)
            LogRefuted(day, request.DeviceArn ?? "every device");
        if (deferred)
            await LearnDeferredOriginsAsync(request, from, cancellationToken);
    }

    /// <summary>
    /// Braket's word as a decision counts it. The caps crossed are decided on a lower bound that leaves out the queued
    /// tasks whose origin is unchecked (each may be reserved, and the run checks it just before its cancel), so that no
    /// look-up stands before the first cancel; when counting them crosses nothing more, the figures shown count them as
    /// the ledger does until their origin is known (on demand). Only when counting them would cross a cap (or a level)
    /// that the lower bound does not, or nothing is to be cancelled (a dry run), are their origins learnt first, and the
    /// decision made on them as before: a task Braket still does not describe counts as on demand.
    /// </summary>
    private async Task<View> DecidingViewAsync(
        EvaluationRequest request,
        CapsOptions caps,
        Day from,
        IReadOnlySet<string> answered,
        CancellationToken cancellationToken
    )
    {
        var @unchecked = await UncheckedAsync(request, from, cancellationToken);
        if (@unchecked.Count == 0)
            return await ViewAsync(request, caps, confirmedOnly: true, answered, [], cancellationToken);
        var lower = await ViewAsync(request, caps, confirmedOnly: true, answered, @unchecked, cancellationToken);
        var counted = await ViewAsync(request, caps, confirmedOnly: true, answered, [], cancellationToken);
        if (caps.Action == CapAction.CancelQueued && Crossings(request.Day, lower).SetEquals(Crossings(request.Day, counted)))
            return counted;
        LogLearningOrigins(request.Day, @unchecked.Count);
        await origins.WithOriginsAsync(@unchecked.Select(t => t.Task).ToList(), cancellationToken);
        return await ViewAsync(request, caps, confirmedOnly: true, answered, [], cancellationToken);
    }

    /// <summary>
    /// After the decision, the origins its scan left unchecked and no run is to check are learnt: reports then price a
    /// reserved task as such, and the next decision needs no look-up. A run's own tasks (claimed) are its to check.
    /// </summary>
    private async Task LearnDeferredOriginsAsync(EvaluationRequest request, Day from, CancellationToken cancellationToken)
    {
        var @unchecked = await UncheckedAsync(request, from, cancellationToken);
        if (@unchecked.Count == 0)
            return;
        var claimed = await store.ClaimedAsync(@unchecked.Select(t => TaskKey(t.Task.QuantumTaskArn)).ToList(), cancellationToken);
        var left = @unchecked.Where(t => !claimed.Contains(TaskKey(t.Task.QuantumTaskArn))).Select(t => t.Task).ToList();
        await origins.WithOriginsAsync(left, cancellationToken);
    }

    /// <summary>The unchecked queued tasks the evaluation judges: a device's evaluation, only that device's.</summary>
    private async Task<IReadOnlyList<LedgerTask>> UncheckedAsync(
        EvaluationRequest request,
        Day from,
        CancellationToken cancellationToken
    ) =>
        (await ledger.UncheckedAsync(from, request.Day, cancellationToken))
            .Where(t => request.DeviceArn is null || t.Task.DeviceArn == request.DeviceArn)
            .ToList();

    /// <summary>The caps a view finds crossed, each with its level, as the alerts' claims name them.</summary>
    private static HashSet<string> Crossings(Day day, View view) =>
        view.Standings.Where(s => s.Level is not null).Select(s => AlertKey(day, s.Cap, s.Level!.Value)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether the ledger's word calls for any group's run: only then is Braket asked.</summary>
    private async Task<bool> CallsForActionAsync(
        EvaluationRequest request,
        CapsOptions caps,
        View told,
        CancellationToken cancellationToken
    )
    {
        foreach (var (budget, group) in told.Groups())
            if (await PlanAsync(request, caps, group, budget, confirmed: false, cancellationToken) is not null)
                return true;
        return false;
    }

    /// <summary>Plans and starts one group's run on Braket's word; false when there is nothing to do.</summary>
    private async Task<bool> ActAsync(
        EvaluationRequest request,
        CapsOptions caps,
        View view,
        BudgetScope? budget,
        CancellationToken cancellationToken
    )
    {
        for (var attempt = 1; attempt <= PlanAttempts; attempt++)
        {
            var plan = await PlanAsync(request, caps, view, budget, confirmed: true, cancellationToken);
            if (plan is null)
                return false;
            if (await runs.TryStartAsync(plan.Run, plan.TaskClaims, plan.AlertClaims, cancellationToken))
                return true;
            LogPlanRaced(request.Day, attempt);
        }
        return true;
    }

    /// <summary>A scan no region answered fails the evaluation (its job tries again); one some answered goes on with those.</summary>
    private static void Require(RegionalTasks scan, HashSet<string> answered)
    {
        if (scan.Answered.Count == 0 && scan.Failed.Count > 0)
            throw new BraketException(scan.AllOrNothing().Error!);
        answered.UnionWith(scan.Answered);
    }

    /// <summary>
    /// Under a monthly cap, the month's earlier days count only as Braket confirms them: before a monthly
    /// breach cancels, they are rescanned (paced) unless that was done within <see cref="EarlierDaysFreshFor"/>;
    /// otherwise the tasks there that only events told of are asked of Braket one by one.
    /// </summary>
    private async Task ConfirmEarlierDaysAsync(
        EvaluationRequest request,
        CapsOptions caps,
        View told,
        DeviceSummary? device,
        CancellationToken cancellationToken
    )
    {
        var first = Month.Of(request.Day).First;
        if (!caps.HasMonthCaps || request.Day == first)
            return;
        var last = request.Day.AddDays(-1);
        var monthlyBreach =
            caps.Action == CapAction.CancelQueued && told.Standings.Any(s => s.Cap.Period == CapPeriod.Month && s.Level == CapLevel.Breach);
        var fresh = await ledger.OldestScanAsync(first, last, device, cancellationToken) > time.GetUtcNow() - EarlierDaysFreshFor;
        if (monthlyBreach && !fresh)
        {
            LogRescanningMonth(request.Day, request.DeviceArn ?? "every device");
            await ledger.ScanRegionsAsync(first, last, device, null, ScanPace.Background, deferQueuedOrigins: false, cancellationToken);
        }
        await ledger.ConfirmAsync(first, last, cancellationToken);
    }

    /// <summary>
    /// The day (and under a monthly cap, the month to it) from the ledger's totals: as told (events and
    /// all), or as confirmed (without tasks Braket has not confirmed, without <paramref name="leftOut"/>, and without
    /// the regions that could not be read and did not answer this evaluation), with the CREATED or QUEUED tasks a breach
    /// would cancel.
    /// </summary>
    private async Task<View> ViewAsync(
        EvaluationRequest request,
        CapsOptions caps,
        bool confirmedOnly,
        IReadOnlySet<string> answered,
        IReadOnlyList<LedgerTask> leftOut,
        CancellationToken cancellationToken
    )
    {
        IReadOnlyList<RegionFailure> unread = confirmedOnly
            ? (await uncheckedRegions.CurrentAsync(cancellationToken)).Where(f => !answered.Contains(f.Region)).ToList()
            : [];
        var unreadRegions = unread.Select(f => f.Region).ToHashSet(StringComparer.Ordinal);
        DayUsage usage;
        IReadOnlyList<DeviceUsage>? month = null;
        var from = caps.HasMonthCaps ? Month.Of(request.Day).First : request.Day;
        if (confirmedOnly)
        {
            var days = await ledger.ConfirmedDaysAsync(from, request.Day, unreadRegions, leftOut, cancellationToken);
            usage = days[^1];
            month = caps.HasMonthCaps ? DeviceUsage.Sum(days.SelectMany(d => d.Devices)) : null;
        }
        else if (caps.HasMonthCaps)
        {
            var monthUsage = await ledger.MonthUsageAsync(Month.Of(request.Day), scanner.Today(), cancellationToken);
            usage = monthUsage.Days.Single(d => d.Window.Day == request.Day);
            month = monthUsage.Devices;
        }
        else
        {
            usage = await ledger.DayUsageAsync(request.Day, null, cancellationToken);
        }
        var budgets = request.DeviceArn is null
            ? await ledger.BudgetUsagesAsync(
                request.Day,
                confirmedOnly,
                unreadRegions,
                leftOut.Select(t => t.Task.QuantumTaskArn).ToHashSet(StringComparer.Ordinal),
                cancellationToken
            )
            : new Dictionary<string, BudgetUsage>();
        var standings = Standings(request, caps, usage, month, budgets);
        // A dry run's alert still says what a breach would cancel; only real cancels call for a confirmation.
        var listed = standings.Any(s => s.Level == CapLevel.Breach) && (confirmedOnly || caps.Action == CapAction.CancelQueued);
        var tasks = listed ? await ledger.CancellableAsync(request.Day, confirmedOnly, unreadRegions, cancellationToken) : [];
        return new View(usage, budgets, standings, tasks, unread);
    }

    private IReadOnlyList<CapStanding> Standings(
        EvaluationRequest request,
        CapsOptions caps,
        DayUsage usage,
        IReadOnlyList<DeviceUsage>? month,
        IReadOnlyDictionary<string, BudgetUsage> budgets
    )
    {
        var standings = CapPolicy.Evaluate(usage, caps, month, budgets).Where(s => Applies(s, request)).ToList();
        foreach (var standing in standings)
            metrics.Standing(
                standing.Cap.Scope.Label,
                MetricName(standing.Cap),
                standing.Used,
                standing.Cap.Limit,
                standing.Cap.Scope.Budget?.Name
            );
        return standings;
    }

    /// <summary>The metric label of a cap: shots or cost, and "_per_month" for a monthly one.</summary>
    private static string MetricName(Cap cap) =>
        cap.Metric.ToString().ToLowerInvariant() + (cap.Period == CapPeriod.Month ? "_per_month" : "");

    /// <summary>
    /// The run the view calls for, or null when there is nothing new to tell or cancel. On Braket's
    /// word (<paramref name="confirmed"/>) the run's hybrid jobs are described and claimed, and a task whose
    /// origin is unknown goes in the run unchecked (the run checks it just before its cancel, and spares it if
    /// reserved); the ledger's word only decides whether to ask.
    /// A budget's run tells of its usage alone, offers only its tasks and is posted in its channel.
    /// </summary>
    private async Task<Plan?> PlanAsync(
        EvaluationRequest request,
        CapsOptions caps,
        View view,
        BudgetScope? budget,
        bool confirmed,
        CancellationToken cancellationToken
    )
    {
        var day = request.Day;
        var crossed = view.Standings.Where(s => s.Level is not null).ToList();
        if (crossed.Count == 0)
            return null;
        var candidates = CapPolicy.TasksToCancel(view.Standings, view.Tasks, catalog.Describe, caps.Jobs).ToList();
        // A budget's usage holds only the instances of the jobs carrying its tag: it stops those (and the jobs of the tasks it cancels).
        var runningJobs = CapPolicy.JobsInBreach(view.Standings, view.UsageOf(budget), caps.Jobs);
        var keys = crossed
            .SelectMany(s => AlertKeys(day, s))
            .Concat(candidates.Select(t => TaskKey(t.QuantumTaskArn)))
            .Concat(runningJobs.Select(JobCancellation.JobKey))
            .ToList();
        var claimed = await store.ClaimedAsync(keys, cancellationToken);

        var fresh = crossed.Where(s => !claimed.Contains(AlertKey(day, s.Cap, s.Level!.Value))).ToList();
        var cancels = caps.Action == CapAction.CancelQueued;
        var toCancel = candidates.Where(t => !claimed.Contains(TaskKey(t.QuantumTaskArn))).ToList();
        var toStop = runningJobs.Where(j => !claimed.Contains(JobCancellation.JobKey(j))).ToList();
        // A dry run tells once; only real cancels are followed up.
        if (fresh.Count == 0 && (!cancels || (toCancel.Count == 0 && toStop.Count == 0)))
            return null;

        // An alert's claim lasts through its period (a month for a monthly cap), and a little beyond.
        var alertClaims = fresh
            .SelectMany(s => AlertKeys(day, s).Select(k => (Key: k, PeriodEnd: s.Cap.PeriodEnd(day, caps.Zone))))
            .Where(c => !claimed.Contains(c.Key))
            .DistinctBy(c => c.Key)
            .ToList();
        var (runJobs, jobClaims) = confirmed && cancels ? await jobs.PlanAsync(toCancel, toStop, cancellationToken) : ([], []);
        List<string> taskClaims = cancels ? [.. toCancel.Select(t => TaskKey(t.QuantumTaskArn)), .. jobClaims] : [];
        var breached = crossed.Where(s => s.Level == CapLevel.Breach).ToList();
        var usage = view.UsageOf(budget);
        var now = time.GetUtcNow();
        var run = new EnforcementRun
        {
            Id = Guid.NewGuid().ToString("N"),
            Kind = fresh.Count > 0 ? RunKind.CapAlert : RunKind.CapFollowUp,
            Day = day,
            TimeZone = caps.TimeZone,
            CreatedAt = now,
            Deadline = now + runs.DeadlineFor(toCancel.Count),
            Action = caps.Action,
            Crossed = fresh.Count > 0 ? fresh : crossed,
            Budget = budget,
            Breached = breached.Select(s => s.Cap.Scope).Distinct().ToList(),
            Trigger = request.Trigger,
            Offers = fresh.Count > 0 && !fresh.Any(s => s.Level == CapLevel.Breach) ? Offers(day, fresh, usage) : [],
            ThreadKeys = fresh.Where(s => s.Level == CapLevel.Breach).Select(s => ThreadKey(day, s.Cap)).Distinct().ToList(),
            ReplyToKey = fresh.Count > 0 ? null : breached.Select(s => ThreadKey(day, s.Cap)).FirstOrDefault(),
            Channel = (budget is null ? null : caps.Budgets.GetValueOrDefault(budget.Name)?.Channel)
                ?? alertOptions.CurrentValue.AlertChannel,
            Tasks = toCancel
                .Select(t =>
                    RunTask.Of(t, catalog.Describe(t.DeviceArn), pricing) with
                    {
                        State = t.Origin is null ? RunTaskState.Unchecked : RunTaskState.Pending,
                    }
                )
                .ToList(),
            Jobs = runJobs,
            // The unchecked ones are the run's to check: those it must leave alone join these as it finds them.
            Spared = SparedTasks.Among(
                CapPolicy.QueuedInBreach(view.Standings, view.Tasks, catalog.Describe).Where(t => t.Origin is not null),
                caps.Jobs
            ),
            Prices = pricing.Describe(usage.Devices.Select(d => d.Device)),
            // A device's cap lives in its own region, which answered; only account-wide figures leave regions out.
            UncheckedRegions = crossed.Any(s => s.Cap.Scope.Device is null) ? view.Unread : [],
            // The limits as last listed: the alert must not wait on Braket to say so.
            ReachedLimits =
                breached.Count > 0
                    ? LimitPlanner.Reached(
                        nativeLimits.Known,
                        usage.Devices.Where(d => breached.Any(s => s.Cap.Scope.Covers(d.Device))),
                        now,
                        pricing.PerTask
                    )
                    : [],
        };
        return new Plan(run, taskClaims, alertClaims);
    }

    /// <summary>A device's evaluation sees only that device, so it judges only that device's caps.</summary>
    private bool Applies(CapStanding standing, EvaluationRequest request) =>
        request.DeviceArn is null
        || (standing.Cap.Scope.Device is not null && standing.Cap.Scope.Covers(catalog.Describe(request.DeviceArn)));

    /// <summary>What a warning's buttons offer: the device it is about, by ARN, or all devices, said so; with what is queued there
    /// now.</summary>
    private static IReadOnlyList<CancelOffer> Offers(Day day, IEnumerable<CapStanding> warnings, DayUsage usage) =>
        warnings
            .Select(s => s.Cap.Scope)
            .Distinct()
            .SelectMany(scope =>
                scope.Budget is { } budget ? [Offer(CancelScope.OfBudget(day, budget), usage.Devices)]
                : scope.Device is null ? [Offer(CancelScope.EveryDevice(day), usage.Devices)]
                : usage.Devices.Where(d => scope.Covers(d.Device)).Select(d => Offer(CancelScope.Device(day, d.Device), [d]))
            )
            .DistinctBy(o => o.Scope)
            .ToList();

    private static CancelOffer Offer(CancelScope scope, IEnumerable<DeviceUsage> devices)
    {
        var queued = devices.Aggregate(StatusTally.None, (sum, d) => sum.Add(d.Cancellable));
        return new CancelOffer(scope, queued.Tasks, queued.Shots);
    }

    /// <summary>The claim of the alert at this level; a breach also uses up the warning, which would come too late.</summary>
    private static IEnumerable<string> AlertKeys(Day day, CapStanding standing)
    {
        yield return AlertKey(day, standing.Cap, standing.Level!.Value);
        if (standing.Level == CapLevel.Breach)
            yield return AlertKey(day, standing.Cap, CapLevel.Warning);
    }

    /// <summary>The claim of one alert: a cap's period (the day, or its month), scope, metric and level.</summary>
    public static string AlertKey(Day day, Cap cap, CapLevel level) => $"alert:{cap.PeriodOf(day)}:{cap.Scope.Key}:{cap.Metric}:{level}";

    public static string TaskKey(string arn) => $"cancel-task:{arn}";

    /// <summary>Where a breach alert leaves its ts for the follow-ups of the same period and scope.</summary>
    private static string ThreadKey(Day day, Cap cap) => $"alert-ts:{cap.PeriodOf(day)}:{cap.Scope.Key}";

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Planning for {Day} raced another evaluation (attempt {Attempt}); planning again"
    )]
    private partial void LogPlanRaced(Day day, int attempt);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "The ledger says a cap of {Day} ({Scope}) calls for action ({Trigger}); one scan confirms it first"
    )]
    private partial void LogConfirming(Day day, string scope, string trigger);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "A monthly cap of {Day} ({Scope}) is breached; the month's earlier days are scanned again before anything is cancelled"
    )]
    private partial void LogRescanningMonth(Day day, string scope);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Deciding on {Day} needs the origin of {Tasks} queued tasks (counting them crosses more than leaving them out); "
            + "learning them first"
    )]
    private partial void LogLearningOrigins(Day day, int tasks);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "The scan of {Day} ({Scope}) refuted the ledger: nothing is done, and the ledger is repaired"
    )]
    private partial void LogRefuted(Day day, string scope);
}
