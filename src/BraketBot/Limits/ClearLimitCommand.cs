using BraketBot.Commands;
using BraketBot.Messages;
using BraketBot.Ports;
using Microsoft.Extensions.Options;

namespace BraketBot.Limits;

/// <summary>/braket limits clear DEVICE (admins): deletes Braket's own limit for the device.</summary>
public sealed partial class ClearLimitCommand(
    IBraketApi braket,
    BraketSpendingLimits limits,
    LimitEditor editor,
    IOptionsMonitor<AccessOptions> access,
    IOptionsMonitor<CapsOptions> caps,
    ILogger<ClearLimitCommand> logger
)
{
    public const string Name = Subcommands.Limits + " " + Subcommands.Clear;

    public async Task<SlashReply> HandleAsync(ParsedCommand.ClearLimit clear, SlashCommand slash, CancellationToken cancellationToken)
    {
        if (!access.CurrentValue.MayChangeLimits(slash.UserId))
            return SlashReply.Private(LimitsView.NotAllowed);
        var result = await ClearAsync(clear.Device, slash.UserName, slash.UserId, cancellationToken);
        return result.IsSuccess
            ? new SlashReply(SlackMessage.Plain(LimitsView.Cleared(result.Value!, slash.UserId)), Visibility.InChannel)
            : SlashReply.Private(result.Problem!);
    }

    public Task<CommandResult<LimitClearedReport>> ClearAsync(
        string device,
        string user,
        string userId,
        CancellationToken cancellationToken
    ) =>
        editor.EditAsync<LimitClearedReport>(
            device,
            async (target, existing) =>
            {
                if (existing is not { } limit)
                    return new Refusal(LimitsView.NoLimit(target.Device));
                var deleted = await braket.DeleteSpendingLimitAsync(limit.SpendingLimitArn, cancellationToken);
                // Not found: a retried delete whose first try went through; the limit is gone either way.
                if (deleted.Error is { Kind: not BraketErrorKind.NotFound } error)
                    return new Refusal(LimitsView.NotChanged(target.Device, error));
                await limits.ChangedAsync(null, cancellationToken);
                LogCleared(user, userId, target.Arn.Value, limit.Limit);
                return new LimitClearedReport(target.Device, limit, caps.CurrentValue.Zone);
            },
            cancellationToken
        );

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "{User} ({UserId}) cleared Braket's spending limit for {Device} (it was {Usd} USD)"
    )]
    private partial void LogCleared(string user, string userId, string device, decimal usd);
}
