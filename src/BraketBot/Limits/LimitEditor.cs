using BraketBot.Commands;

namespace BraketBot.Limits;

/// <summary>
/// The steps every change of a device's Braket limit takes before it changes anything: the device found, the
/// limits' sync guard held (so a renewal cannot race the change), Braket's current limit for it read.
/// </summary>
public sealed class LimitEditor(BraketSpendingLimits limits, LimitTargets targets)
{
    /// <summary>How long a change waits for a sync in progress (seconds at most) before it asks to be tried again.</summary>
    public static readonly TimeSpan GuardWait = TimeSpan.FromSeconds(20);

    /// <summary>Runs <paramref name="edit"/> with the device and its current limit (null: none), the guard held throughout.</summary>
    public async Task<CommandResult<T>> EditAsync<T>(
        string device,
        Func<LimitTarget, SpendingLimit?, Task<CommandResult<T>>> edit,
        CancellationToken cancellationToken
    )
        where T : class
    {
        var target = await targets.FindAsync(device, cancellationToken);
        if (!target.IsSuccess)
            return new Refusal(target.Problem!);
        await using var guard = await limits.TryHoldAsync(GuardWait, cancellationToken);
        if (guard is null)
            return new Refusal(LimitsView.Busy);
        var existing = await limits.FindAsync(target.Value!.Arn, cancellationToken);
        if (!existing.IsSuccess)
            return new Refusal(LimitsView.NotChanged(target.Value.Device, existing.Error!));
        return await edit(target.Value, existing.Value);
    }
}
