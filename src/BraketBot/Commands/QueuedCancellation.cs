using BraketBot.Enforcement;
using BraketBot.Ports;
using BraketBot.Usage;
using Microsoft.Extensions.Options;

namespace BraketBot.Commands;

/// <summary>
/// "Cancel all queued" of one scope, whoever asks (a button in Slack, the terminal): a stored run over
/// exactly the QUEUED and CREATED tasks the scope covers, less those a cap run is cancelling already,
/// claimed so that one run at a time works on a scope and no task is cancelled by two runs. Reserved
/// tasks are never among them (nor, under Caps:Jobs = Spare, hybrid jobs'): they are listed as spared;
/// under Cancel a job is cancelled once, before its tasks.
/// </summary>
public sealed class QueuedCancellation(
    DayScanner scanner,
    DeviceCatalog catalog,
    Pricing pricing,
    TaskOrigins origins,
    JobCancellation jobs,
    RunLauncher runs,
    IClaimStore store,
    IOptionsMonitor<CapsOptions> capsOptions,
    TimeProvider time
)
{
    /// <param name="trigger">Who asked, for people.</param>
    /// <param name="requestedBy">The Slack user who asked, when one did.</param>
    /// <param name="responseUrl">Where the run shows its progress and outcome in Slack; none from the terminal.</param>
    /// <param name="only">Of the scope's tasks, only those it takes ("Cancel the rest": what an earlier run left); null: all.</param>
    public async Task<CommandResult<EnforcementRun>> PlanAsync(
        CancelScope scope,
        string trigger,
        string? requestedBy,
        Uri? responseUrl,
        CancellationToken cancellationToken,
        Func<QuantumTaskSummary, bool>? only = null
    )
    {
        var device = scope.AllDevices ? null : catalog.Describe(scope.DeviceArn!);
        var found = await scanner.TasksAsync(scanner.Window(scope.Day), device, cancellationToken);
        if (!found.IsSuccess)
            return new Refusal(found.Error!.Describe());

        var mode = capsOptions.CurrentValue.Jobs;
        // Each task's origin is known before it is cancelled: a reserved task is never cancelled as on demand.
        var queued = await origins.WithOriginsAsync(
            found
                .Value!.Where(t => t.Status.IsCancellable() && scope.Covers(t, catalog.Describe(t.DeviceArn)) && only?.Invoke(t) != false)
                .ToList(),
            cancellationToken
        );
        var cancellable = queued.Where(t => t.Origin is not null && CapPolicy.Cancellable(t, mode)).ToList();
        // Tasks a cap run is cancelling already are left to it.
        var taken = await store.ClaimedAsync(cancellable.Select(t => CapEnforcer.TaskKey(t.QuantumTaskArn)).ToList(), cancellationToken);
        var tasks = cancellable.Where(t => !taken.Contains(CapEnforcer.TaskKey(t.QuantumTaskArn))).ToList();
        var (runJobs, _) = await jobs.PlanAsync(tasks, [], cancellationToken);
        var now = time.GetUtcNow();
        return new EnforcementRun
        {
            Id = Guid.NewGuid().ToString("N"),
            Kind = RunKind.CancelAll,
            Day = scope.Day,
            TimeZone = capsOptions.CurrentValue.TimeZone,
            CreatedAt = now,
            Deadline = now + runs.DeadlineFor(tasks.Count),
            Trigger = trigger,
            Scope = scope,
            RequestedBy = requestedBy,
            ResponseUrl = responseUrl,
            Tasks = tasks.Select(t => RunTask.Of(t, catalog.Describe(t.DeviceArn), pricing)).ToList(),
            Jobs = runJobs,
            Spared = SparedTasks.Among(queued, mode),
        };
    }

    /// <summary>
    /// The scope as configured now: a budget's scope (a button's, planned earlier) takes the budget's tag and devices
    /// from the configuration, never from the button; null when that budget is no longer configured.
    /// </summary>
    public CancelScope? AsConfigured(CancelScope scope)
    {
        if (scope.Budget is not { } budget)
            return scope;
        var budgets = capsOptions.CurrentValue.Budgets;
        return budgets.TryGetValue(budget.Name, out var caps) && BudgetScope.Of(budget.Name, caps) is { } current
            ? scope with
            {
                Budget = current,
            }
            : null;
    }

    /// <summary>The budget a scope is about, as configured; null for any other scope.</summary>
    public BudgetCaps? BudgetOf(CancelScope scope) =>
        scope.Budget is { } budget ? capsOptions.CurrentValue.Budgets.GetValueOrDefault(budget.Name) : null;

    /// <summary>Starts the run in this host's background; false when the scope or one of its tasks is taken by another run.</summary>
    public Task<bool> TryStartAsync(EnforcementRun run, CancellationToken cancellationToken) =>
        runs.TryStartAsync(run, ClaimsOf(run), alertClaims: [], cancellationToken);

    /// <summary>Carries the run out in the caller, reporting each step; null when another run has the scope or a task.</summary>
    public Task<EnforcementRun?> TryRunHereAsync(
        EnforcementRun run,
        IProgress<EnforcementRun>? progress,
        CancellationToken cancellationToken
    ) => runs.TryRunHereAsync(run, ClaimsOf(run), progress, cancellationToken);

    /// <summary>The scope's key keeps a second request from starting a second run; the task keys keep a cap run off the same
    /// tasks.</summary>
    private static IReadOnlyList<string> ClaimsOf(EnforcementRun run) =>
        [
            run.Scope!.RunKey,
            .. run.Tasks.Select(t => CapEnforcer.TaskKey(t.Arn)),
            .. run.PendingJobs.Select(j => JobCancellation.JobKey(j.Arn)),
        ];
}
