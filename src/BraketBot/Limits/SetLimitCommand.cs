using BraketBot.Commands;
using BraketBot.Messages;
using Microsoft.Extensions.Options;

namespace BraketBot.Limits;

/// <summary>
/// /braket limits set DEVICE AMOUNT[/day|/month] (admins): Braket's own limit for the device over the
/// current day (or month) in Caps:TimeZone, created or, since Braket keeps one per device, updated;
/// tagged so that BraketBot renews it each period.
/// </summary>
public sealed partial class SetLimitCommand(
    BraketSpendingLimits limits,
    LimitEditor editor,
    IOptionsMonitor<AccessOptions> access,
    IOptionsMonitor<CapsOptions> caps,
    TimeProvider time,
    ILogger<SetLimitCommand> logger
)
{
    public const string Name = Subcommands.Limits + " " + Subcommands.Set;

    public async Task<SlashReply> HandleAsync(ParsedCommand.SetLimit set, SlashCommand slash, CancellationToken cancellationToken)
    {
        if (!access.CurrentValue.MayChangeLimits(slash.UserId))
            return SlashReply.Private(LimitsView.NotAllowed);
        var result = await SetAsync(set.Device, set.Amount, slash.UserName, slash.UserId, cancellationToken);
        return result.IsSuccess
            ? new SlashReply(SlackMessage.Plain(LimitsView.Set(result.Value!, slash.UserId)), Visibility.InChannel)
            : SlashReply.Private(result.Problem!);
    }

    public Task<CommandResult<LimitSetReport>> SetAsync(
        string device,
        LimitAmount amount,
        string user,
        string userId,
        CancellationToken cancellationToken
    ) =>
        editor.EditAsync<LimitSetReport>(
            device,
            async (target, existing) =>
            {
                var zone = caps.CurrentValue.Zone;
                var period = LimitPeriod.Current(amount.Renewal, time.GetUtcNow(), zone);
                LimitChange change = existing is { } limit
                    ? new LimitChange.Update(limit, amount.Usd, period, amount.Renewal, TakeOver: limit.Renewal != amount.Renewal)
                    : new LimitChange.Create(target.Arn.Value, amount.Usd, period, amount.Renewal);
                if (await limits.MakeAsync(change, cancellationToken) is { } refused)
                    return new Refusal(LimitsView.NotChanged(target.Device, refused));
                await limits.ChangedAsync(period.End, cancellationToken);
                LogSet(user, userId, target.Arn.Value, amount.Usd, amount.Renewal, period.Start, period.End);
                return new LimitSetReport(target.Device, amount, period, zone, Created: existing is null);
            },
            cancellationToken
        );

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "{User} ({UserId}) set Braket's spending limit for {Device} to {Usd} USD per {Renewal}, {Start:o} to {End:o}"
    )]
    private partial void LogSet(
        string user,
        string userId,
        string device,
        decimal usd,
        LimitRenewal renewal,
        DateTimeOffset start,
        DateTimeOffset end
    );
}
