using BraketBot.Ports;
using BraketBot.Slack.Messages;

namespace BraketBot.Reports;

/// <summary>The answers to /braket cancel.</summary>
public static class CancelView
{
    public const string NotAllowed = ":no_entry: Only the admins listed in `Slack:Admins` may cancel tasks. Nothing was cancelled.";

    public static string LookupFailed(QuantumTaskArn arn, BraketError error) => error.Kind == BraketErrorKind.NotFound
        ? $"No task {Format.Task(arn.Value)} was found in {arn.Region}."
        : $"Could not look up {Format.Task(arn.Value)}: {error.Describe()}";

    public static string NotCancellable(QuantumTaskSummary task) =>
        $"Task {Format.Task(task.QuantumTaskArn)} is {task.Status.ToWire()}; only QUEUED or CREATED tasks can be cancelled. Nothing was done.";

    public static string NotCancelled(CancelOutcome outcome) => $"Task {Format.Task(outcome.Task.QuantumTaskArn)} was not cancelled: {outcome.Detail}.";

    public static SlackMessage Cancelled(CancelOutcome outcome, DeviceSummary device, string userId, DateTimeOffset at) =>
        SlackMessage.Plain($":octagonal_sign: <@{userId}> cancelled task {Format.Task(outcome.Task.QuantumTaskArn)} " +
                           $"({device.DeviceName}, {Format.Count(outcome.Task.Shots)} shots) at {at:yyyy-MM-dd HH:mm} UTC: {outcome.Detail}.");
}
