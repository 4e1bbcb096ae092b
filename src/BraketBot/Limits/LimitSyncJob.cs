using BraketBot.Usage;
using Hangfire;
using Microsoft.Extensions.Options;

namespace BraketBot.Limits;

/// <summary>
/// Keeps Braket's spending limits as BraketBot promises them: every limit tagged for renewal covers the
/// current day (or month) in Caps:TimeZone, and under <c>Caps:NativeLimits=Mirror</c> every device with a
/// MaxCostPerDay has a daily limit of that amount (one made by somebody else is taken over, never
/// duplicated). It runs at start, on a change of the caps, and each minute when a renewal is due (at
/// the latest each local midnight), so a host that was down at midnight renews on its first tick. One
/// instance at a time holds the guard (set and clear hold it too) and lists the limits afresh under it,
/// so two instances renew a period once and a person's change is never overwritten by a stale plan.
/// </summary>
public sealed partial class LimitSyncJob(
    BraketSpendingLimits limits,
    DeviceCatalog catalog,
    IOptionsMonitor<CapsOptions> capsOptions,
    TimeProvider time,
    ILogger<LimitSyncJob> logger
)
{
    public const string Id = "renew-spending-limits";

    /// <summary>Every minute: the renewal lands within a minute of a period's start.</summary>
    public const string Cron = "* * * * *";

    /// <summary>After a failed sync, when to try again (the tick would otherwise retry a refused call every minute).</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(5);

    /// <summary>The recurring tick: a sync when the stored next renewal has come, or when none is stored (never synced, or the store was
    /// lost).</summary>
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)] // the next tick is the retry
    public async Task RenewIfDueAsync(LimitRenewalArgs args, CancellationToken cancellationToken)
    {
        if (await limits.NextRenewalAsync(cancellationToken) is not { } due || time.GetUtcNow() >= due)
            await SyncAsync("renewal", cancellationToken);
    }

    /// <summary>At start and when the caps change: list, mirror and renew now.</summary>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [10, 60, 300])]
    public async Task SyncNowAsync(LimitSyncArgs args, CancellationToken cancellationToken)
    {
        if (!await SyncAsync(args.Reason, cancellationToken))
            throw new InvalidOperationException("Another instance is syncing Braket's spending limits; this sync is tried again.");
    }

    /// <summary>The tick as releases up to a84dbe0 queued it; a job they left behind runs as the current shape.</summary>
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public Task RenewIfDueAsync(CancellationToken cancellationToken) => RenewIfDueAsync(new LimitRenewalArgs(), cancellationToken);

    /// <summary>A sync as releases up to a84dbe0 queued it; a job they left behind runs as the current shape.</summary>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [10, 60, 300])]
    public Task SyncNowAsync(string reason, CancellationToken cancellationToken) =>
        SyncNowAsync(new LimitSyncArgs(reason), cancellationToken);

    /// <summary>False when another instance holds the sync now, or took it over from this one.</summary>
    private async Task<bool> SyncAsync(string reason, CancellationToken cancellationToken)
    {
        await using var guard = await limits.TryHoldAsync(TimeSpan.Zero, cancellationToken);
        if (guard is null)
        {
            LogBusy(reason);
            return false;
        }
        var caps = capsOptions.CurrentValue;
        var now = time.GetUtcNow();
        var (held, next) = await ApplyAsync(caps, now, guard, cancellationToken);
        if (!held || !await guard.RenewAsync(cancellationToken))
        {
            LogLost(reason);
            return false;
        }
        // Every period ends at a local midnight: whatever else is known, the next one is looked at then,
        // so a renewal never hangs on a due time another writer got wrong.
        var midnight = LimitPeriod.Current(LimitRenewal.Day, now, caps.Zone).End;
        await limits.SetNextRenewalAsync(next is { } due && due < midnight ? due : midnight, cancellationToken);
        return true;
    }

    /// <summary>
    /// Plans and makes the changes; answers when the next renewal falls due, and whether the guard was still held:
    /// once it is lost the listing may be stale (another holder may have changed a limit since), so nothing more is written.
    /// </summary>
    private async Task<(bool Held, DateTimeOffset? Next)> ApplyAsync(
        CapsOptions caps,
        DateTimeOffset now,
        SyncGuard guard,
        CancellationToken cancellationToken
    )
    {
        // Region by region: one region Braket cannot answer for does not hold up the others' renewals.
        var (listed, unlisted) = await limits.ListByRegionAsync(cancellationToken);
        foreach (var regions in unlisted.GroupBy(u => u.Value.Describe(), u => u.Key))
            LogUnlisted(string.Join(", ", regions), regions.Key);
        var (mirrored, unresolved) = await MirroredAsync(caps, cancellationToken);
        // A device whose region did not answer may have a limit already: it is neither created nor changed now.
        mirrored = mirrored
            .Where(m => DeviceArn.TryParse(m.Key, out var arn) && !unlisted.ContainsKey(arn.Region))
            .ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
        var changes = LimitPlanner.Plan(listed, mirrored, now, caps.Zone);
        var failed = unlisted.Count > 0 || unresolved;
        var made = 0;
        foreach (var change in changes)
        {
            // Renewed before each change (a long sync keeps its guard for one more change's time); lost, the plan stops here.
            if (!await guard.RenewAsync(cancellationToken))
                break;
            failed |= !await MakeAsync(change, cancellationToken);
            made++;
        }
        if (made > 0)
            await limits.ChangedAsync(null, cancellationToken);
        if (made < changes.Count)
            return (false, null);
        return (true, failed ? now + RetryAfter : LimitPlanner.NextDue(listed, mirrored.Count > 0, now, caps.Zone));
    }

    /// <summary>Device ARN → MaxCostPerDay for each device Mirror keeps; names that are no QPU BraketBot can limit are logged and left
    /// out.</summary>
    /// <returns>The devices, and whether any name could not be looked up now (the sync is then tried again soon).</returns>
    private async Task<(IReadOnlyDictionary<string, decimal> Devices, bool Unresolved)> MirroredAsync(
        CapsOptions caps,
        CancellationToken cancellationToken
    )
    {
        var mirrored = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var unresolved = false;
        foreach (var (name, usd) in caps.MirroredLimits)
        {
            switch (await catalog.ResolveAsync(name, cancellationToken))
            {
                case DeviceLookup.Found { Device: { IsSimulator: false, IsRetired: false } device }:
                    mirrored[device.DeviceArn] = usd;
                    break;
                case DeviceLookup.Found found:
                    LogNotMirrored(name, found.Device.IsSimulator ? "it is a simulator, which Braket does not limit" : "it is retired");
                    break;
                case DeviceLookup.NotFound:
                    LogNotMirrored(name, "no watched region lists a device of that name");
                    break;
                case DeviceLookup.Failed failed:
                    LogNotMirrored(name, failed.Error.Describe());
                    unresolved = true;
                    break;
            }
        }
        return (mirrored, unresolved);
    }

    private async Task<bool> MakeAsync(LimitChange change, CancellationToken cancellationToken)
    {
        if (await limits.MakeAsync(change, cancellationToken) is { } error)
        {
            LogFailed(change is LimitChange.Create ? "create" : "update", change.DeviceArn, error.Describe());
            return false;
        }
        if (change is LimitChange.Update update)
            LogUpdated(update.DeviceArn, update.Usd, update.Period.Start, update.Period.End, update.TakeOver);
        else if (change is LimitChange.Create create)
            LogCreated(create.DeviceArn, create.Usd, create.Period.Start, create.Period.End);
        return true;
    }

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Created Braket's spending limit for {Device}: {Usd} USD from {Start:o} to {End:o}"
    )]
    private partial void LogCreated(string device, decimal usd, DateTimeOffset start, DateTimeOffset end);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Moved Braket's spending limit for {Device} to {Usd} USD from {Start:o} to {End:o} (taken over: {TakenOver})"
    )]
    private partial void LogUpdated(string device, decimal usd, DateTimeOffset start, DateTimeOffset end, bool takenOver);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Could not {What} Braket's spending limit for {Device}: {Error}; tried again in 5 minutes"
    )]
    private partial void LogFailed(string what, string device, string error);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Could not list Braket's spending limits in {Regions}: {Error}; those regions are tried again in 5 minutes"
    )]
    private partial void LogUnlisted(string regions, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Caps:NativeLimits is Mirror, but {Device} gets no Braket spending limit: {Reason}")]
    private partial void LogNotMirrored(string device, string reason);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Spending limit sync ({Reason}) stopped: it outlasted its guard, which another instance may hold now; nothing more is "
            + "written and it is tried again"
    )]
    private partial void LogLost(string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Spending limit sync ({Reason}) skipped: another instance holds it")]
    private partial void LogBusy(string reason);
}
