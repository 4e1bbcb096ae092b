using BraketBot.Ports;
using BraketBot.Slack.Messages;
using BraketBot.Usage;
using Microsoft.Extensions.Options;
using BraketBot.Telemetry;

namespace BraketBot.Enforcement;

public enum EventOutcome { Evaluating, Coalesced, Duplicate, Ignored }

/// <summary>What became of an event, for the log and the sender.</summary>
public sealed record EventAnswer(EventOutcome Outcome, string Detail);

/// <summary>
/// Takes Braket task state changes, whatever carried them (the webhook, a queue): ignores what is not
/// this bot's to judge, handles each event id once, remembers the task and asks for an evaluation. The
/// event id is claimed before the hand-over and given back if the hand-over fails, so the sender's
/// retry is handled rather than answered "duplicate".
/// </summary>
public sealed partial class EventIntake(
    IBotStore store,
    CapEvaluator evaluator,
    IOptionsMonitor<CapsOptions> capsOptions,
    IOptionsMonitor<WatchOptions> watchOptions,
    BraketBotMetrics metrics,
    TimeProvider time,
    ILogger<EventIntake> logger)
{
    /// <summary>EventBridge delivers each event at least once, within hours; ids are remembered this long.</summary>
    private static readonly TimeSpan KeepEventIds = TimeSpan.FromHours(24);

    public async Task<EventAnswer> HandleAsync(EventParse.TaskEvent taskEvent, CancellationToken cancellationToken)
    {
        var answer = await JudgeAsync(taskEvent, cancellationToken);
        metrics.Event(answer.Outcome.ToString().ToLowerInvariant());
        return answer;
    }

    private async Task<EventAnswer> JudgeAsync(EventParse.TaskEvent taskEvent, CancellationToken cancellationToken)
    {
        var task = taskEvent.Task;
        var caps = capsOptions.CurrentValue;
        if (!caps.AnyCap) return new(EventOutcome.Ignored, "No caps are configured.");
        if (Foreign(taskEvent) is { } reason)
        {
            LogForeign(taskEvent.EventId, reason);
            return new(EventOutcome.Ignored, reason);
        }
        if (!task.Status.IsCancellable()) return new(EventOutcome.Ignored, $"A {task.Status.ToWire()} task adds no usage.");

        // Only today and yesterday can still be enforced; an event far in the past or future poisons nothing.
        var day = Day.Of(task.CreatedAt, caps.Zone);
        var today = Day.Of(time.GetUtcNow(), caps.Zone);
        if (day > today || day < today.AddDays(-1))
        {
            LogOutOfRange(taskEvent.EventId, task.CreatedAt);
            return new(EventOutcome.Ignored, $"The task was created on {day}; only today and yesterday ({caps.TimeZone}) are enforced.");
        }

        var claim = $"event:{taskEvent.EventId}";
        if (!await store.TryClaimAsync(claim, time.GetUtcNow() + KeepEventIds, cancellationToken))
            return new(EventOutcome.Duplicate, $"Event {taskEvent.EventId} was handled already.");
        try
        {
            await store.RememberTaskAsync(day, task, cancellationToken);
            var request = new EvaluationRequest(caps.HasAccountCap ? null : task.DeviceArn, day,
                $"task {Reports.Format.Task(task.QuantumTaskArn)} ({task.Status.ToWire()}, {task.Shots} shots)");
            var started = await evaluator.RequestAsync(request, cancellationToken);
            return new(started ? EventOutcome.Evaluating : EventOutcome.Coalesced, request.GuardKey);
        }
        catch
        {
            await store.ReleaseClaimsAsync([claim], holder: null, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Why the event is not this bot's to judge: a region it does not watch, or another account.</summary>
    private string? Foreign(EventParse.TaskEvent taskEvent)
    {
        var watch = watchOptions.CurrentValue;
        if (!QuantumTaskArn.TryParse(taskEvent.Task.QuantumTaskArn, out var arn)) return "The task ARN is not one.";
        if (!watch.Watches(arn.Region) || (taskEvent.Region.Length > 0 && taskEvent.Region != arn.Region))
            return $"Region {arn.Region} is not in Braket:Regions.";
        if (taskEvent.Account.Length > 0 && taskEvent.Account != arn.Account) return "The event's account is not the task's.";
        if (watch.AccountId is { Length: > 0 } account && arn.Account != account) return "The task belongs to another AWS account.";
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored event {EventId}: {Reason}")]
    private partial void LogForeign(string eventId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored event {EventId}: its task was created at {CreatedAt}, outside the days that can be enforced")]
    private partial void LogOutOfRange(string eventId, DateTimeOffset createdAt);
}
