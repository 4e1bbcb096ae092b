using BraketBot.Braket;
using BraketBot.Reports;
using BraketBot.Slack;
using Microsoft.Extensions.Options;

namespace BraketBot.Commands;

/// <summary>/braket cancel ARN: cancels one task, or says plainly why not.</summary>
public sealed class CancelCommand(
    IBraketApi braket, TaskCanceller canceller, DeviceCatalog catalog, IOptionsMonitor<SlackOptions> slackOptions,
    TimeProvider time, ILogger<CancelCommand> logger) : ISlashCommandHandler
{
    public const string Name = "cancel";

    public string CommandName => Name;

    public async Task<SlashReply> HandleAsync(ParsedCommand command, SlashCommand slash, CancellationToken cancellationToken)
    {
        var arn = ((ParsedCommand.Cancel)command).Task;
        if (!slackOptions.CurrentValue.IsAdmin(slash.UserId)) return SlashReply.Private(CancelView.NotAllowed);

        var task = await braket.GetQuantumTaskAsync(arn, cancellationToken);
        if (!task.IsSuccess) return SlashReply.Private(CancelView.LookupFailed(arn, task.Error!));
        if (!task.Value!.Status.IsCancellable()) return SlashReply.Private(CancelView.NotCancellable(task.Value));

        var outcome = await canceller.CancelOneAsync(task.Value, cancellationToken);
        logger.LogInformation("{User} ({UserId}) asked to cancel {Task}: {Result} ({Detail})",
            slash.UserName, slash.UserId, arn, outcome.Result, outcome.Detail);
        return outcome.Result == CancelResult.Cancelled
            ? new SlashReply(CancelView.Cancelled(outcome, catalog.Describe(outcome.Task.DeviceArn), slash.UserId, time.GetUtcNow()), Visibility.InChannel)
            : SlashReply.Private(CancelView.NotCancelled(outcome));
    }
}
