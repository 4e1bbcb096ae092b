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
    LimitTargets targets,
    IOptionsMonitor<AccessOptions> access,
    IOptionsMonitor<CapsOptions> caps,
    TimeProvider time,
    ILogger<SetLimitCommand> logger
)
{
    public const string Name = Subcommands.Limits + " " + Subcommands.Set;

    /// <summary>How long a change waits for a sync in progress (seconds at most) before it asks to be tried again.</summary>
    public static readonly TimeSpan GuardWait = TimeSpan.FromSeconds(20);

    public async Task<SlashReply> HandleAsync(ParsedCommand.SetLimit set, SlashCommand slash, CancellationToken cancellationToken)
    {
        if (!access.CurrentValue.MayChangeLimits(slash.UserId))
            return SlashReply.Private(LimitsView.NotAllowed);
        var result = await SetAsync(set.Device, set.Amount, slash.UserName, slash.UserId, cancellationToken);
        return result.IsSuccess
            ? new SlashReply(SlackMessage.Plain(LimitsView.Set(result.Value!, slash.UserId)), Visibility.InChannel)
            : SlashReply.Private(result.Problem!);
    }

    public async Task<CommandResult<LimitSetReport>> SetAsync(
        string device,
        LimitAmount amount,
        string user,
        string userId,
        CancellationToken cancellationToken
    )
    {
        var target = await targets.FindAsync(device, cancellationToken);
        if (!target.IsSuccess)
            return new Refusal(target.Problem!);
        var (summary, arn) = target.Value!;
        await using var guard = await limits.TryHoldAsync(GuardWait, cancellationToken);
        if (guard is null)
            return new Refusal(LimitsView.Busy);
        var existing = await limits.FindAsync(arn, cancellationToken);
        if (!existing.IsSuccess)
            return new Refusal(LimitsView.NotChanged(summary, existing.Error!));

        var zone = caps.CurrentValue.Zone;
        var period = LimitPeriod.Current(amount.Renewal, time.GetUtcNow(), zone);
        LimitChange change = existing.Value is { } limit
            ? new LimitChange.Update(limit, amount.Usd, period, amount.Renewal, TakeOver: limit.Renewal != amount.Renewal)
            : new LimitChange.Create(arn.Value, amount.Usd, period, amount.Renewal);
        if (await limits.MakeAsync(change, cancellationToken) is { } refused)
            return new Refusal(LimitsView.NotChanged(summary, refused));
        await limits.ChangedAsync(period.End, cancellationToken);
        LogSet(user, userId, arn.Value, amount.Usd, amount.Renewal, period.Start, period.End);
        return new LimitSetReport(summary, amount, period, zone, Created: existing.Value is null);
    }

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
