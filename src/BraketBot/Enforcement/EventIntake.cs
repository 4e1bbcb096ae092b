using BraketBot.Hosting;
using BraketBot.Messages;
using BraketBot.Ports;
using BraketBot.Telemetry;
using BraketBot.Usage;
using Microsoft.Extensions.Options;

namespace BraketBot.Enforcement;

/// <summary>
/// Takes Braket task state changes, whatever carried them (the webhook, a queue): ignores what is not
/// this bot's to judge, handles each event id once, records every status in the usage ledger (a new
/// task with its origin, asked of Braket once) and, when the task now counts against a cap, asks for
/// an evaluation (which reads the ledger). The event id is claimed before the hand-over and given
/// back if the hand-over fails, so the sender's retry is handled rather than answered "duplicate".
/// </summary>
[HotPath]
public sealed partial class EventIntake(
    IClaimStore claimStore,
    IKeyValueStore valueStore,
    ILedgerStore ledgerStore,
    JobBook jobBook,
    CapEvaluator evaluator,
    TaskOrigins origins,
    IOptionsMonitor<CapsOptions> capsOptions,
    IOptionsMonitor<WatchOptions> watchOptions,
    BraketBotMetrics metrics,
    TimeProvider time,
    ILogger<EventIntake> logger
)
{
    /// <summary>EventBridge delivers each event at least once, within hours; ids are remembered this long.</summary>
    private static readonly TimeSpan KeepEventIds = TimeSpan.FromHours(24);

    public async Task<EventAnswer> HandleAsync(EventParse.BraketEvent braketEvent, CancellationToken cancellationToken)
    {
        var answer = braketEvent switch
        {
            EventParse.TaskEvent taskEvent => await JudgeAsync(taskEvent, cancellationToken),
            EventParse.JobEvent jobEvent => await TakeJobAsync(jobEvent, cancellationToken),
            _ => throw new InvalidOperationException("Unknown Braket event."),
        };
        metrics.Event(answer.Outcome.ToString().ToLowerInvariant());
        return answer;
    }

    /// <summary>
    /// A hybrid job's state change: taken once, from this account and a watched region; it moves no
    /// task, so there is nothing to evaluate (its tasks' own events and the reconcile count them, and
    /// a cap run reads the job from Braket when it acts). A job the caps already price is described
    /// again (one GetJob), so its instances' minutes stop when it ends.
    /// </summary>
    private async Task<EventAnswer> TakeJobAsync(EventParse.JobEvent jobEvent, CancellationToken cancellationToken)
    {
        var job = jobEvent.Job;
        var watch = watchOptions.CurrentValue;
        string? reason =
            !watch.Watches(job.Region) || (jobEvent.Region.Length > 0 && jobEvent.Region != job.Region)
                ? $"Region {job.Region} is not in Braket:Regions."
            : (jobEvent.Account.Length > 0 && jobEvent.Account != job.Account)
            || (watch.AccountId is { Length: > 0 } account && job.Account != account)
                ? "The job belongs to another AWS account."
            : null;
        if (reason is not null)
        {
            LogForeign(jobEvent.EventId, reason);
            return new(EventOutcome.Ignored, reason);
        }
        var now = time.GetUtcNow();
        if (!await claimStore.TryClaimAsync($"event:{jobEvent.EventId}", now + KeepEventIds, cancellationToken))
            return new(EventOutcome.Duplicate, $"Event {jobEvent.EventId} was handled already.");
        await valueStore.SetValueAsync(UsageLedger.LastEventKey, UsageLedger.LastEventValue(now), cancellationToken);
        if (await jobBook.KnownAsync(job.Value, cancellationToken) is not null)
            await jobBook.DescribeAsync(job.Value, cancellationToken);
        LogJob(job.Name, jobEvent.Status);
        return new(EventOutcome.Recorded, $"Hybrid job {job.Name} is {jobEvent.Status}.");
    }

    private async Task<EventAnswer> JudgeAsync(EventParse.TaskEvent taskEvent, CancellationToken cancellationToken)
    {
        var task = taskEvent.Task;
        var caps = capsOptions.CurrentValue;
        if (Foreign(taskEvent) is { } reason)
        {
            LogForeign(taskEvent.EventId, reason);
            return new(EventOutcome.Ignored, reason);
        }

        // The ledger keeps a few weeks of tasks; only today and yesterday can still be enforced. An event far off poisons nothing.
        var now = time.GetUtcNow();
        var day = Day.Of(task.CreatedAt, caps.Zone);
        var today = Day.Of(now, caps.Zone);
        var enforced = $"only today and yesterday ({caps.TimeZone}) are enforced";
        if (day > today || day < Retention.OldestTaskDay(now))
        {
            LogOutOfRange(taskEvent.EventId, task.CreatedAt);
            return new(
                EventOutcome.Ignored,
                $"The task was created on {day}; the ledger keeps the last {Retention.LedgerTaskDays} days and {enforced}."
            );
        }

        var claim = $"event:{taskEvent.EventId}";
        if (!await claimStore.TryClaimAsync(claim, now + KeepEventIds, cancellationToken))
            return new(EventOutcome.Duplicate, $"Event {taskEvent.EventId} was handled already.");
        try
        {
            var changes = await ledgerStore.RecordAsync([new LedgerTask(task, day, taskEvent.Time ?? now)], cancellationToken);
            // A task of today or yesterday new to the ledger costs one GetQuantumTask, once in its life: its reservation or job,
            // which events do not tell. Older days are left to the scans that fill them.
            if (day >= today.AddDays(-1) && changes.Any(c => c.Before is null) && TaskOrigins.Matters(task))
                await origins.WithOriginsAsync([task], cancellationToken);
            await valueStore.SetValueAsync(UsageLedger.LastEventKey, UsageLedger.LastEventValue(now), cancellationToken);
            if (!caps.AnyCap)
                return new(EventOutcome.Recorded, "Recorded; no caps are configured.");
            if (day < today.AddDays(-1))
                return new(EventOutcome.Recorded, $"Recorded; the task was created on {day} and {enforced}.");
            if (!Ledger.CallsForEvaluation(changes, task.Status, caps.Basis))
                return new(EventOutcome.Recorded, $"Recorded; a {task.Status.ToWire()} task adds no usage to evaluate.");

            var request = new EvaluationRequest(
                caps.HasAccountCap || caps.HasBudgetCaps ? null : task.DeviceArn,
                day,
                $"task {Views.Format.Task(task.QuantumTaskArn)} ({task.Status.ToWire()}, {task.Shots} shots)"
            );
            var started = await evaluator.RequestAsync(request, cancellationToken);
            return new(started ? EventOutcome.Evaluating : EventOutcome.Coalesced, request.GuardKey);
        }
        catch
        {
            await claimStore.ReleaseClaimsAsync([claim], holder: null, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Why the event is not this bot's to judge: a region it does not watch, or another account.</summary>
    private string? Foreign(EventParse.TaskEvent taskEvent)
    {
        var watch = watchOptions.CurrentValue;
        if (!QuantumTaskArn.TryParse(taskEvent.Task.QuantumTaskArn, out var arn))
            return "The task ARN is not one.";
        if (!watch.Watches(arn.Region) || (taskEvent.Region.Length > 0 && taskEvent.Region != arn.Region))
            return $"Region {arn.Region} is not in Braket:Regions.";
        if (taskEvent.Account.Length > 0 && taskEvent.Account != arn.Account)
            return "The event's account is not the task's.";
        if (watch.AccountId is { Length: > 0 } account && arn.Account != account)
            return "The task belongs to another AWS account.";
        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hybrid job {Job} is {Status}")]
    private partial void LogJob(string job, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored event {EventId}: {Reason}")]
    private partial void LogForeign(string eventId, string reason);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Ignored event {EventId}: its task was created at {CreatedAt}, outside the days the ledger keeps"
    )]
    private partial void LogOutOfRange(string eventId, DateTimeOffset createdAt);
}
