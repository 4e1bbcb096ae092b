using System.Text.Json.Serialization;

namespace BraketBot.Domain;

/// <summary>
/// One enforcement (or "Cancel all queued") run, as stored: what it tells, which tasks it cancels and
/// how far it got, and where its message is. It is planned once; whoever holds it carries it on,
/// so a run whose host dies is finished by another host without repeating what was done.
/// </summary>
public sealed record EnforcementRun
{
    public required string Id { get; init; }

    public required RunKind Kind { get; init; }

    public required Day Day { get; init; }

    public required string TimeZone { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Past this, no more cancels are tried; the message is finished with what was done.</summary>
    public required DateTimeOffset Deadline { get; init; }

    public CapAction Action { get; init; } = CapAction.CancelQueued;

    /// <summary>Caps newly crossed (an alert) or still crossed (a follow-up).</summary>
    public IReadOnlyList<CapStanding> Crossed { get; init; } = [];

    /// <summary>The prices its estimates used, for people (<see cref="Pricing.Describe"/>); empty in runs stored before it was
    /// kept.</summary>
    public string Prices { get; init; } = "";

    /// <summary>What set the run off, for people: an event's task, the reconcile, a person.</summary>
    public string Trigger { get; init; } = "";

    /// <summary>The scopes a warning offers to cancel by button; each names its device or says "all devices".</summary>
    public IReadOnlyList<CancelOffer> Offers { get; init; } = [];

    /// <summary>Store keys under which a breach alert leaves its ts, so later follow-ups find their thread.</summary>
    public IReadOnlyList<string> ThreadKeys { get; init; } = [];

    /// <summary>A follow-up's thread: the key an earlier alert left its ts under.</summary>
    public string? ReplyToKey { get; init; }

    /// <summary>The budget whose run this is (its tasks alone), whatever its fresh standings say; null for the account's caps.</summary>
    public BudgetScope? Budget { get; init; }

    /// <summary>The scopes of every cap breached when the run was planned, fresh or not; empty in runs stored before it was kept.</summary>
    public IReadOnlyList<CapScope> Breached { get; init; } = [];

    /// <summary>A "Cancel all queued" run: what the person chose, who, and where to answer.</summary>
    public CancelScope? Scope { get; init; }

    public string? RequestedBy { get; init; }

    public Uri? ResponseUrl { get; init; }

    /// <summary>How many of its response_url's five posts the run has used, counted before each one.</summary>
    public int ResponsePosts { get; init; }

    public IReadOnlyList<RunTask> Tasks { get; init; } = [];

    /// <summary>Hybrid jobs cancelled (once each) before the tasks, under Caps:Jobs = Cancel.</summary>
    public IReadOnlyList<RunJob> Jobs { get; init; } = [];

    /// <summary>Queued tasks in the scope left alone: reserved ones, and jobs' under Caps:Jobs = Spare.</summary>
    public IReadOnlyList<SparedTasks> Spared { get; init; } = [];

    /// <summary>Braket's own limits found used up when the run was planned: Braket itself refuses those devices' tasks.</summary>
    public IReadOnlyList<ReachedLimit> ReachedLimits { get; init; } = [];

    /// <summary>Watched regions that could not be read when the run was planned: its figures leave them out (lower bounds).</summary>
    public IReadOnlyList<RegionFailure> UncheckedRegions { get; init; } = [];

    /// <summary>Where the run's message is, once posted.</summary>
    public string? Channel { get; init; }

    public string? MessageTs { get; init; }

    /// <summary>A post was tried: before trying again, look for it (it may have landed without an answer).</summary>
    public bool PostTried { get; init; }

    public bool Finished { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Its host stopped before it ended and nobody resumes it (in-memory storage): what was pending is left.</summary>
    public bool Stopped { get; init; }

    [JsonIgnore]
    public bool IsBreach => Crossed.Any(s => s.Level == CapLevel.Breach);

    [JsonIgnore]
    public bool CancelsTasks => Action == CapAction.CancelQueued || Kind == RunKind.CancelAll;

    [JsonIgnore]
    public IEnumerable<RunTask> Pending => CancelsTasks ? Tasks.Where(t => t.IsPending) : [];

    [JsonIgnore]
    public int Cancelled => Tasks.Count(t => t.State == RunTaskState.Cancelled);

    [JsonIgnore]
    public int Done => Tasks.Count(t => !t.IsPending);

    /// <summary>Tasks the run ended without cancelling though they may still be queued: their claims go back, for the next run.</summary>
    [JsonIgnore]
    public IReadOnlyList<RunTask> Left => Tasks.Where(t => t.State == RunTaskState.Left).ToList();

    /// <summary>
    /// What a "Cancel the rest" button of this run covers: the scope a person chose, or the breached caps' own
    /// (their one device, a budget's tasks, or every device). The button cancels only the tasks the run left, within it.
    /// </summary>
    public CancelScope RestScope()
    {
        if (Scope is not null)
            return Scope;
        if (Budget is not null)
            return CancelScope.OfBudget(Day, Budget);
        var breached = Breached.Count > 0 ? Breached : Crossed.Where(s => s.Level == CapLevel.Breach).Select(s => s.Cap.Scope).ToList();
        var budgets = breached.Select(s => s.Budget).Distinct().ToList();
        if (budgets is [{ } budget])
            return CancelScope.OfBudget(Day, budget);
        var devices = Tasks.DistinctBy(t => t.DeviceArn).ToList();
        var onlyDeviceCaps = breached.All(s => s is { Device: not null, Budget: null });
        return onlyDeviceCaps && devices is [var one]
            ? new CancelScope(Day, one.DeviceArn, one.DeviceName, false)
            : CancelScope.EveryDevice(Day);
    }

    public EnforcementRun With(string arn, CancelResult result, string detail) =>
        this with
        {
            Tasks = Tasks.Select(t => t.Arn == arn ? t with { State = StateOf(result), Detail = detail } : t).ToList(),
        };

    /// <summary>The task's origin is checked, and the run is to cancel it.</summary>
    public EnforcementRun OriginChecked(string arn) =>
        this with
        {
            Tasks = Tasks.Select(t => t.Arn == arn && t.OriginUnchecked ? t with { State = RunTaskState.Pending } : t).ToList(),
        };

    /// <summary>
    /// The task's origin, checked, says the run must leave it alone (a reservation's, a spared job's, or null: Braket did
    /// not tell): it leaves the run's tasks for <see cref="Spared"/>, grouped as <see cref="SparedTasks.Among"/> groups them.
    /// </summary>
    public EnforcementRun Spare(string arn, TaskOrigin? origin)
    {
        if (Tasks.FirstOrDefault(t => t.Arn == arn) is not { } task)
            return this;
        var (billing, by) = (origin?.Billing ?? TaskBilling.OnDemand, origin?.ReservationArn ?? origin?.JobArn ?? "");
        var group = Spared.FirstOrDefault(s => s.Billing == billing && s.Arn == by) ?? new SparedTasks(billing, by, 0, 0);
        return this with
        {
            Tasks = Tasks.Where(t => t.Arn != arn).ToList(),
            Spared = Spared
                .Where(s => s != group)
                .Append(group with { Tasks = group.Tasks + 1, Shots = group.Shots + task.Shots })
                .OrderBy(s => s.Billing)
                .ThenBy(s => s.Arn, StringComparer.Ordinal)
                .ToList(),
        };
    }

    /// <summary>Its host stops and nobody resumes it: what is still pending is left, and the run says why.</summary>
    public EnforcementRun LeavePendingAtStop() => LeavePending("BraketBot stopped before cancelling it") with { Stopped = true };

    [JsonIgnore]
    public IEnumerable<RunJob> PendingJobs => CancelsTasks ? Jobs.Where(j => j.State == RunTaskState.Pending) : [];

    public EnforcementRun WithJob(string arn, CancelResult result, string detail) =>
        this with
        {
            Jobs = Jobs.Select(j => j.Arn == arn ? j with { State = StateOf(result), Detail = detail } : j).ToList(),
        };

    /// <summary>What is still pending at the deadline is left, with the reason: the run ends, the tasks may still be queued.</summary>
    public EnforcementRun LeavePending(string reason) =>
        this with
        {
            Tasks = Tasks.Select(t => t.IsPending ? t with { State = RunTaskState.Left, Detail = reason } : t).ToList(),
        };

    private static RunTaskState StateOf(CancelResult result) =>
        result switch
        {
            CancelResult.Cancelled => RunTaskState.Cancelled,
            CancelResult.NotCancellable => RunTaskState.NotCancellable,
            CancelResult.NotFound => RunTaskState.NotFound,
            CancelResult.Left => RunTaskState.Left,
            _ => RunTaskState.Failed,
        };
}
