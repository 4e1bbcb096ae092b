using BraketBot.Messages;
using BraketBot.Ports;
using BraketBot.Views;

namespace BraketBot.Cancel;

/// <summary>The answers to /braket cancel.</summary>
public static class CancelView
{
    public const string NotAllowed = ":no_entry: Only the admins listed in `Slack:Admins` may cancel tasks. Nothing was cancelled.";

    public static string LookupFailed(QuantumTaskArn arn, BraketError error) =>
        error.Kind == BraketErrorKind.NotFound
            ? $"No task {Format.Task(arn.Value)} was found in {arn.Region}."
            : $"Could not look up {Format.Task(arn.Value)}: {error.Describe()}";

    public static string NotCancellable(QuantumTaskSummary task) =>
        $"Task {Format.Task(task.QuantumTaskArn)} is {task.Status.ToWire()}; only QUEUED or CREATED tasks can be cancelled. Nothing was "
        + $"done.";

    public static string NotCancelled(CancelOutcome outcome) =>
        $"Task {Format.Task(outcome.Task.QuantumTaskArn)} was not cancelled: {outcome.Detail}.";

    public static SlackMessage Cancelled(CancelReport report, string userId) =>
        SlackMessage.Plain(
            $":octagonal_sign: <@{userId}> cancelled task {Format.Task(report.Outcome.Task.QuantumTaskArn)} "
                + $"({report.Device.DeviceName}, {Format.Count(report.Outcome.Task.Shots)} shots) at {report.At:yyyy-MM-dd HH:mm} UTC: "
                + $"{report.Outcome.Detail}."
        );

    /// <summary>A budget's button refused: who may press it instead.</summary>
    public static string NotAllowedFor(BudgetScope budget) =>
        $":no_entry: Only the admins listed in `Slack:Admins` or `Budgets:{budget.Name}:Admins` may cancel the tasks of "
        + $"{budget.Describe()}. "
        + "Nothing was cancelled.";

    /// <summary>A budget's button whose budget is no longer configured.</summary>
    public static string BudgetGone(BudgetScope budget) => $"Budget {budget.Name} is no longer configured; nothing was cancelled.";

    public static string AlreadyRunning(CancelScope scope) =>
        $"Queued tasks of {scope.Describe()} on {scope.Day} are being cancelled already.";
}
