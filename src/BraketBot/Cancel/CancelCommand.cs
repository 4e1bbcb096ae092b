using BraketBot.Commands;
using BraketBot.Enforcement;
using BraketBot.Messages;
using BraketBot.Ports;
using BraketBot.Telemetry;
using BraketBot.Usage;
using Microsoft.Extensions.Options;

namespace BraketBot.Cancel;

/// <summary>/braket cancel ARN: cancels one task, or says plainly why not.</summary>
public sealed partial class CancelCommand(
    IBraketApi braket,
    TaskCanceller canceller,
    DeviceCatalog catalog,
    IOptionsMonitor<AccessOptions> access,
    BraketBotMetrics metrics,
    TimeProvider time,
    ILogger<CancelCommand> logger
)
{
    public const string Name = Subcommands.Cancel;

    public async Task<SlashReply> HandleAsync(ParsedCommand.Cancel cancel, SlashCommand slash, CancellationToken cancellationToken)
    {
        if (!access.CurrentValue.IsAdmin(slash.UserId))
            return SlashReply.Private(CancelView.NotAllowed);
        var result = await CancelAsync(cancel.Task, slash.UserName, slash.UserId, cancellationToken);
        return SlashReply.Of(result, report => CancelView.Cancelled(report, slash.UserId), Visibility.InChannel);
    }

    /// <summary>Cancels the task for whoever asked (Slack's admin check is the caller's): cancelled, or why not.</summary>
    public async Task<CommandResult<CancelReport>> CancelAsync(
        QuantumTaskArn arn,
        string user,
        string userId,
        CancellationToken cancellationToken
    )
    {
        var task = await braket.GetQuantumTaskAsync(arn, cancellationToken);
        if (!task.IsSuccess)
            return new Refusal(CancelView.LookupFailed(arn, task.Error!));
        if (!task.Value!.Status.IsCancellable())
            return new Refusal(CancelView.NotCancellable(task.Value));

        var outcome = await canceller.CancelOneAsync(task.Value, Guid.NewGuid().ToString(), cancellationToken);
        metrics.Cancel("command", outcome.Result.ToString().ToLowerInvariant());
        LogCancelAsked(user, userId, arn.Value, outcome.Result, outcome.Detail);
        return outcome.Result == CancelResult.Cancelled
            ? new CancelReport(outcome, catalog.Describe(outcome.Task.DeviceArn), time.GetUtcNow())
            : new Refusal(CancelView.NotCancelled(outcome));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{User} ({UserId}) asked to cancel {Task}: {Result} ({Detail})")]
    private partial void LogCancelAsked(string user, string userId, string task, CancelResult result, string detail);
}
