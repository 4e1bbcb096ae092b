using BraketBot.Limits;
using BraketBot.Ports;
using BraketBot.Reports;
using BraketBot.Slack.Messages;
using Microsoft.Extensions.Options;

namespace BraketBot.Commands;

/// <summary>/braket limits clear DEVICE (admins): deletes Braket's own limit for the device.</summary>
public sealed partial class ClearLimitCommand(
    IBraketApi braket, BraketSpendingLimits limits, LimitTargets targets, IOptionsMonitor<AccessOptions> access, ILogger<ClearLimitCommand> logger)
{
    public const string Name = Subcommands.Limits + " " + Subcommands.Clear;

    public async Task<SlashReply> HandleAsync(ParsedCommand.ClearLimit clear, SlashCommand slash, CancellationToken cancellationToken)
    {
        if (!access.CurrentValue.IsAdmin(slash.UserId)) return SlashReply.Private(LimitsView.NotAllowed);
        var result = await ClearAsync(clear.Device, slash.UserName, slash.UserId, cancellationToken);
        return result.IsSuccess ? new SlashReply(SlackMessage.Plain(LimitsView.Cleared(result.Value!, slash.UserId)), Visibility.InChannel) : SlashReply.Private(result.Problem!);
    }

    public async Task<CommandResult<LimitClearedReport>> ClearAsync(string device, string user, string userId, CancellationToken cancellationToken)
    {
        var target = await targets.FindAsync(device, cancellationToken);
        if (!target.IsSuccess) return new Refusal(target.Problem!);
        var (summary, arn) = target.Value!;
        var existing = await limits.FindAsync(arn, cancellationToken);
        if (!existing.IsSuccess) return new Refusal(LimitsView.NotChanged(summary, existing.Error!));
        if (existing.Value is not { } limit) return new Refusal(LimitsView.NoLimit(summary));

        var deleted = await braket.DeleteSpendingLimitAsync(limit.SpendingLimitArn, cancellationToken);
        if (!deleted.IsSuccess) return new Refusal(LimitsView.NotChanged(summary, deleted.Error!));
        await limits.ChangedAsync(null, cancellationToken);
        LogCleared(user, userId, arn.Value, limit.Limit);
        return new LimitClearedReport(summary, limit);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{User} ({UserId}) cleared Braket's spending limit for {Device} (it was {Usd} USD)")]
    private partial void LogCleared(string user, string userId, string device, decimal usd);
}
