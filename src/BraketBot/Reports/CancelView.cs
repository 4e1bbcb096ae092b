using BraketBot.Braket;
using BraketBot.Commands;
using BraketBot.Slack;

namespace BraketBot.Reports;

public static class CancelView
{
    public const string NotAllowed = ":no_entry: Only the admins listed in `Slack:Admins` may cancel tasks. Nothing was cancelled.";

    /// <summary>Failures listed one by one, up to this many.</summary>
    public const int ListedFailures = 10;

    public static string LookupFailed(QuantumTaskArn arn, BraketError error) => error.Kind == BraketErrorKind.NotFound
        ? $"No task `{arn}` was found in {arn.Region} (account {arn.Account})."
        : $"Could not look up `{arn}`: {error.Describe()}";

    public static string NotCancellable(QuantumTaskSummary task) =>
        $"Task `{task.QuantumTaskArn}` is {task.Status.ToWire()}; only QUEUED or CREATED tasks can be cancelled. Nothing was done.";

    public static string NotCancelled(CancelOutcome outcome) => $"Task `{outcome.Task.QuantumTaskArn}` was not cancelled: {outcome.Detail}.";

    public static SlackMessage Cancelled(CancelOutcome outcome, DeviceSummary device, string userId, DateTimeOffset at)
    {
        var text = $":octagonal_sign: <@{userId}> cancelled task `{outcome.Task.QuantumTaskArn}` " +
                   $"({device.DeviceName}, {Format.Count(outcome.Task.Shots)} shots) at {at:yyyy-MM-dd HH:mm} UTC: {outcome.Detail}.";
        return SlackMessage.Plain(text);
    }

    public static SlackMessage Progress(CancelScope scope, int done, int total) => SlackMessage.Plain(total == 0
        ? $"No QUEUED or CREATED tasks of {scope.Describe()} on {scope.Day}: nothing to cancel."
        : $":hourglass_flowing_sand: Cancelling queued tasks of {scope.Describe()} on {scope.Day}: {done} of {total} done…");

    public static SlackMessage BulkOutcome(
        CancelScope scope, IReadOnlyList<CancelOutcome> outcomes, Func<string, DeviceSummary> describe, string userId, DateTimeOffset at,
        Usage.Pricing pricing)
    {
        if (outcomes.Count == 0) return Progress(scope, 0, 0);
        var cancelled = outcomes.Where(o => o.Result == CancelResult.Cancelled).Select(o => o.Task).ToList();
        var failed = outcomes.Where(o => o.Result != CancelResult.Cancelled).ToList();
        var saved = pricing.CostOf(cancelled, describe);
        var lines = new List<string>
        {
            $":octagonal_sign: <@{userId}> cancelled {cancelled.Count} of {outcomes.Count} queued tasks of *{scope.Describe()}* on {scope.Day} " +
            $"at {at:yyyy-MM-dd HH:mm} UTC: {Format.Count(cancelled.Sum(t => t.Shots))} shots, about {Format.Money(saved)} saved.",
        };
        lines.AddRange(FailureLines(failed));
        return SlackMessage.Plain(string.Join('\n', lines));
    }

    public static IEnumerable<string> FailureLines(IReadOnlyList<CancelOutcome> failed)
    {
        if (failed.Count == 0) yield break;
        yield return $"{failed.Count} could not be cancelled:";
        foreach (var outcome in failed.Take(ListedFailures)) yield return $"• `{outcome.Task.QuantumTaskArn}`: {outcome.Detail}";
        if (failed.Count > ListedFailures) yield return $"…and {failed.Count - ListedFailures} more.";
    }
}
