using BraketBot.Ports;
using BraketBot.Reports;
using BraketBot.Slack.Messages;
using BraketBot.Usage;
using Microsoft.Extensions.Options;
using BraketBot.Telemetry;

namespace BraketBot.Commands;

/// <summary>/braket cancel ARN: cancels one task, or says plainly why not.</summary>
public sealed partial class CancelCommand(
    IBraketApi braket, TaskCanceller canceller, DeviceCatalog catalog, IOptionsMonitor<AccessOptions> access,
    BraketBotMetrics metrics, TimeProvider time, ILogger<CancelCommand> logger)
{
    public const string Name = Subcommands.Cancel;

    public async Task<SlashReply> HandleAsync(ParsedCommand.Cancel cancel, SlashCommand slash, CancellationToken cancellationToken)
    {
        var arn = cancel.Task;
        if (!access.CurrentValue.IsAdmin(slash.UserId)) return SlashReply.Private(CancelView.NotAllowed);

        var task = await braket.GetQuantumTaskAsync(arn, cancellationToken);
        if (!task.IsSuccess) return SlashReply.Private(CancelView.LookupFailed(arn, task.Error!));
        if (!task.Value!.Status.IsCancellable()) return SlashReply.Private(CancelView.NotCancellable(task.Value));

        var outcome = await canceller.CancelOneAsync(task.Value, Guid.NewGuid().ToString(), cancellationToken);
        metrics.Cancel("command", outcome.Result.ToString().ToLowerInvariant());
        LogCancelAsked(slash.UserName, slash.UserId, arn.Value, outcome.Result, outcome.Detail);
        return outcome.Result == CancelResult.Cancelled
            ? new SlashReply(CancelView.Cancelled(outcome, catalog.Describe(outcome.Task.DeviceArn), slash.UserId, time.GetUtcNow()), Visibility.InChannel)
            : SlashReply.Private(CancelView.NotCancelled(outcome));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{User} ({UserId}) asked to cancel {Task}: {Result} ({Detail})")]
    private partial void LogCancelAsked(string user, string userId, string task, CancelResult result, string detail);
}
