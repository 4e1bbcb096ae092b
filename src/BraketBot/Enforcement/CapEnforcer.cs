using BraketBot.Ports;
using BraketBot.Usage;
using Microsoft.Extensions.Options;
using BraketBot.Telemetry;

namespace BraketBot.Enforcement;

/// <summary>
/// Evaluates the caps of one day and plans what follows: one scan, the pure cap decision, and, when a
/// cap is newly crossed or a breached scope has new queued tasks, one stored run that alerts and
/// cancels. Alerts (one per day, scope, cap and level) and tasks are claimed with the run, all or
/// nothing, so no alert is posted twice and no task is in two runs.
/// </summary>
public sealed partial class CapEnforcer(
    IBraketApi braket,
    DayScanner scanner,
    DeviceCatalog catalog,
    Pricing pricing,
    IBotStore store,
    RunLauncher runs,
    IOptionsMonitor<CapsOptions> capsOptions,
    IOptionsMonitor<AlertOptions> alertOptions,
    BraketBotMetrics metrics,
    TimeProvider time,
    ILogger<CapEnforcer> logger)
{
    /// <summary>Another evaluation may plan at the same moment (a reconcile beside an event's); then plan again.</summary>
    private const int PlanAttempts = 3;

    public async Task EvaluateAsync(EvaluationRequest request, CancellationToken cancellationToken)
    {
        var caps = capsOptions.CurrentValue;
        if (!caps.AnyCap) return;

        var window = scanner.Window(request.Day);
        var tasks = await DayTasksAsync(request, window, cancellationToken);
        var usage = DayUsage.From(window, tasks, catalog.Describe, pricing);
        var standings = CapPolicy.Evaluate(usage, caps).Where(s => Applies(s, request)).ToList();
        foreach (var standing in standings)
            metrics.Standing(standing.Cap.Scope.Key, standing.Cap.Metric.ToString().ToLowerInvariant(), standing.Used, standing.Cap.Limit);
        if (!standings.Any(s => s.Level is not null)) return;

        for (var attempt = 1; attempt <= PlanAttempts; attempt++)
        {
            var plan = await PlanAsync(request, caps, usage, standings, tasks, cancellationToken);
            if (plan is null) return;
            if (await runs.TryStartAsync(plan.Value.Run, plan.Value.TaskClaims, plan.Value.AlertClaims, cancellationToken)) return;
            LogPlanRaced(request.Day, attempt);
        }
    }

    private async Task<(EnforcementRun Run, IReadOnlyList<string> TaskClaims, IReadOnlyList<string> AlertClaims)?> PlanAsync(
        EvaluationRequest request, CapsOptions caps, DayUsage usage, IReadOnlyList<CapStanding> standings,
        IReadOnlyList<QuantumTaskSummary> tasks, CancellationToken cancellationToken)
    {
        var day = request.Day;
        var crossed = standings.Where(s => s.Level is not null).ToList();
        var candidates = CapPolicy.TasksToCancel(standings, tasks, catalog.Describe);
        var keys = crossed.SelectMany(s => AlertKeys(day, s)).Concat(candidates.Select(t => TaskKey(t.QuantumTaskArn))).ToList();
        var claimed = await store.ClaimedAsync(keys, cancellationToken);

        var fresh = crossed.Where(s => !claimed.Contains(AlertKey(day, s.Cap, s.Level!.Value))).ToList();
        var cancels = caps.Action == CapAction.CancelQueued;
        var toCancel = candidates.Where(t => !claimed.Contains(TaskKey(t.QuantumTaskArn))).ToList();
        // A dry run tells once; only real cancels are followed up.
        if (fresh.Count == 0 && (!cancels || toCancel.Count == 0)) return null;

        var alertClaims = fresh.SelectMany(s => AlertKeys(day, s)).Where(k => !claimed.Contains(k)).Distinct().ToList();
        var taskClaims = cancels ? toCancel.Select(t => TaskKey(t.QuantumTaskArn)).ToList() : [];
        var breached = crossed.Where(s => s.Level == CapLevel.Breach).Select(s => s.Cap.Scope).Distinct().ToList();
        var now = time.GetUtcNow();
        var run = new EnforcementRun
        {
            Id = Guid.NewGuid().ToString("N"),
            Kind = fresh.Count > 0 ? RunKind.CapAlert : RunKind.CapFollowUp,
            Day = day,
            TimeZone = caps.TimeZone,
            CreatedAt = now,
            Deadline = now + RunLauncher.DeadlineFor(toCancel.Count),
            Action = caps.Action,
            Crossed = fresh.Count > 0 ? fresh : crossed,
            Trigger = request.Trigger,
            Offers = fresh.Count > 0 && !fresh.Any(s => s.Level == CapLevel.Breach) ? Offers(day, fresh, usage) : [],
            ThreadKeys = fresh.Where(s => s.Level == CapLevel.Breach).Select(s => ThreadKey(day, s.Cap.Scope)).Distinct().ToList(),
            ReplyToKey = fresh.Count > 0 ? null : breached.Select(scope => ThreadKey(day, scope)).FirstOrDefault(),
            Channel = alertOptions.CurrentValue.AlertChannel,
            Tasks = toCancel.Select(t => RunTask.Of(t, catalog.Describe(t.DeviceArn), pricing)).ToList(),
        };
        return (run, taskClaims, alertClaims);
    }

    /// <summary>One scan of the day, plus the tasks events told of that the search does not list yet, each confirmed by Braket.</summary>
    private async Task<IReadOnlyList<QuantumTaskSummary>> DayTasksAsync(EvaluationRequest request, DayWindow window, CancellationToken cancellationToken)
    {
        var device = request.DeviceArn is null ? null : catalog.Describe(request.DeviceArn);
        var scanned = await scanner.TasksAsync(window, device, cancellationToken);
        if (!scanned.IsSuccess) throw new BraketException(scanned.Error!);

        var listed = scanned.Value!.Select(t => t.QuantumTaskArn).ToHashSet();
        var remembered = (await store.RememberedTasksAsync(request.Day, cancellationToken))
            .Where(t => !listed.Contains(t.QuantumTaskArn) && (request.DeviceArn is null || t.DeviceArn == request.DeviceArn))
            .ToList();
        var confirmed = await Task.WhenAll(remembered.Select(t => ConfirmAsync(t, cancellationToken)));
        return [.. scanned.Value!, .. confirmed.OfType<QuantumTaskSummary>()];
    }

    /// <summary>
    /// An event is only a claim: the task counts as Braket describes it, and not at all if Braket does
    /// not know it or will not say (another account's task, a refusal): one such task never stops the day's enforcement.
    /// </summary>
    private async Task<QuantumTaskSummary?> ConfirmAsync(QuantumTaskSummary told, CancellationToken cancellationToken)
    {
        if (!QuantumTaskArn.TryParse(told.QuantumTaskArn, out var arn)) return null;
        var known = await braket.GetQuantumTaskAsync(arn, cancellationToken);
        if (known.IsSuccess) return known.Value;
        LogUnconfirmedTask(told.QuantumTaskArn, known.Error!.Kind);
        return null;
    }

    /// <summary>A device's evaluation sees only that device, so it judges only that device's caps.</summary>
    private bool Applies(CapStanding standing, EvaluationRequest request) =>
        request.DeviceArn is null || (standing.Cap.Scope.Device is not null && standing.Cap.Scope.Covers(catalog.Describe(request.DeviceArn)));

    /// <summary>What a warning's buttons offer: the device it is about, by ARN, or all devices, said so; with what is queued there now.</summary>
    private static IReadOnlyList<CancelOffer> Offers(Day day, IEnumerable<CapStanding> warnings, DayUsage usage) =>
        warnings.Select(s => s.Cap.Scope).Distinct()
            .SelectMany(scope => scope.Device is null
                ? [Offer(CancelScope.EveryDevice(day), usage.Devices)]
                : usage.Devices.Where(d => scope.Covers(d.Device)).Select(d => Offer(CancelScope.Device(day, d.Device), [d])))
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
        if (standing.Level == CapLevel.Breach) yield return AlertKey(day, standing.Cap, CapLevel.Warning);
    }

    private static string AlertKey(Day day, Cap cap, CapLevel level) => $"alert:{day}:{cap.Scope.Key}:{cap.Metric}:{level}";

    public static string TaskKey(string arn) => $"cancel-task:{arn}";

    private static string ThreadKey(Day day, CapScope scope) => $"alert-ts:{day}:{scope.Key}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Planning for {Day} raced another evaluation (attempt {Attempt}); planning again")]
    private partial void LogPlanRaced(Day day, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An event told of {Task}, which Braket did not confirm ({Kind}); it is not counted")]
    private partial void LogUnconfirmedTask(string task, BraketErrorKind kind);
}
