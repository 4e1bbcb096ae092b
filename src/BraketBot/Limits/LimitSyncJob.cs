using BraketBot.Ports;
using BraketBot.Usage;
using Hangfire;
using Microsoft.Extensions.Options;

namespace BraketBot.Limits;

/// <summary>
/// Keeps Braket's spending limits as BraketBot promises them: every limit tagged for renewal covers the
/// current day (or month) in Caps:TimeZone, and under <c>Caps:NativeLimits=Mirror</c> every device with a
/// MaxCostPerDay has a daily limit of that amount (one made by somebody else is taken over, never
/// duplicated). It runs at start, on a change of the caps, and each minute when a renewal is due, so a
/// host that was down at midnight renews on its first tick. One instance at a time holds the sync's
/// guard and lists the limits afresh under it, so two instances renew a period once.
/// </summary>
public sealed partial class LimitSyncJob(
    IBraketApi braket,
    BraketSpendingLimits limits,
    DeviceCatalog catalog,
    IBotStore store,
    IOptionsMonitor<CapsOptions> capsOptions,
    TimeProvider time,
    ILogger<LimitSyncJob> logger)
{
    public const string Id = "renew-spending-limits";

    /// <summary>Every minute: the renewal lands within a minute of a period's start.</summary>
    public const string Cron = "* * * * *";

    private const string GuardKey = "spending-limits:sync";

    private static readonly TimeSpan GuardLease = TimeSpan.FromMinutes(2);

    /// <summary>After a failed sync, when to try again (the tick would otherwise retry a refused call every minute).</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(5);

    /// <summary>The recurring tick: a sync only when the stored next renewal has come.</summary>
    [AutomaticRetry(Attempts = 0)] // the next tick is the retry
    public async Task RenewIfDueAsync(CancellationToken cancellationToken)
    {
        if (await limits.NextRenewalAsync(cancellationToken) is { } due && time.GetUtcNow() >= due)
            await SyncAsync("renewal", cancellationToken);
    }

    /// <summary>At start and when the caps change: list, mirror and renew now.</summary>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [10, 60, 300])]
    public async Task SyncNowAsync(string reason, CancellationToken cancellationToken)
    {
        if (!await SyncAsync(reason, cancellationToken))
            throw new InvalidOperationException("Another instance is syncing Braket's spending limits; this sync is tried again.");
    }

    /// <summary>False when another instance holds the sync now.</summary>
    private async Task<bool> SyncAsync(string reason, CancellationToken cancellationToken)
    {
        var owner = Guid.NewGuid().ToString("N");
        if (!await store.TryTakeGuardAsync(GuardKey, owner, GuardLease, cancellationToken))
        {
            LogBusy(reason);
            return false;
        }
        try
        {
            var caps = capsOptions.CurrentValue;
            var now = time.GetUtcNow();
            var next = await ApplyAsync(caps, now, cancellationToken);
            await limits.SetNextRenewalAsync(next, cancellationToken);
            return true;
        }
        finally
        {
            await store.ReleaseGuardAsync(GuardKey, owner, CancellationToken.None);
        }
    }

    /// <summary>Plans and makes the changes; answers when the next renewal falls due.</summary>
    private async Task<DateTimeOffset?> ApplyAsync(CapsOptions caps, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var listed = await limits.ListAsync(cancellationToken);
        if (!listed.IsSuccess)
        {
            LogFailed("list", "every region", listed.Error!.Describe());
            return now + RetryAfter;
        }
        var mirrored = await MirroredAsync(caps, cancellationToken);
        var changes = LimitPlanner.Plan(listed.Value!, mirrored, now, caps.Zone);
        var failed = false;
        foreach (var change in changes)
            failed |= !await MakeAsync(change, cancellationToken);
        if (changes.Count > 0) await limits.ChangedAsync(null, cancellationToken);
        return failed ? now + RetryAfter : LimitPlanner.NextDue(listed.Value!, mirrored.Count > 0, now, caps.Zone);
    }

    /// <summary>Device ARN → MaxCostPerDay for each device Mirror keeps; names that are no QPU BraketBot can limit are logged and left out.</summary>
    private async Task<IReadOnlyDictionary<string, decimal>> MirroredAsync(CapsOptions caps, CancellationToken cancellationToken)
    {
        var mirrored = new Dictionary<string, decimal>(StringComparer.Ordinal);
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
                    break;
            }
        }
        return mirrored;
    }

    private async Task<bool> MakeAsync(LimitChange change, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid().ToString("N"); // one per change: the HTTP retries of it are the same request
        switch (change)
        {
            case LimitChange.Create create when DeviceArn.TryParse(create.DeviceArn, out var device):
                var created = await braket.CreateSpendingLimitAsync(device, create.Usd, create.Period, LimitTags.For(create.Renewal), token, cancellationToken);
                if (!created.IsSuccess) return Failed("create", create.DeviceArn, created.Error!);
                LogCreated(create.DeviceArn, create.Usd, create.Period.Start, create.Period.End);
                return true;
            case LimitChange.Update update:
                var arn = update.Limit.SpendingLimitArn;
                var updated = await braket.UpdateSpendingLimitAsync(arn, update.Usd, update.Period, token, cancellationToken);
                if (!updated.IsSuccess) return Failed("update", update.DeviceArn, updated.Error!);
                if (update.TakeOver)
                {
                    var tagged = await braket.TagResourceAsync(arn, LimitTags.For(update.Renewal), cancellationToken);
                    if (!tagged.IsSuccess) return Failed("tag", update.DeviceArn, tagged.Error!);
                }
                LogUpdated(update.DeviceArn, update.Usd, update.Period.Start, update.Period.End, update.TakeOver);
                return true;
            default:
                LogFailed("create", change.DeviceArn, "not a device ARN");
                return false;
        }
    }

    private bool Failed(string what, string deviceArn, BraketError error)
    {
        LogFailed(what, deviceArn, error.Describe());
        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created Braket's spending limit for {Device}: {Usd} USD from {Start:o} to {End:o}")]
    private partial void LogCreated(string device, decimal usd, DateTimeOffset start, DateTimeOffset end);

    [LoggerMessage(Level = LogLevel.Information, Message = "Moved Braket's spending limit for {Device} to {Usd} USD from {Start:o} to {End:o} (taken over: {TakenOver})")]
    private partial void LogUpdated(string device, decimal usd, DateTimeOffset start, DateTimeOffset end, bool takenOver);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not {What} Braket's spending limit for {Device}: {Error}; tried again in 5 minutes")]
    private partial void LogFailed(string what, string device, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Caps:NativeLimits is Mirror, but {Device} gets no Braket spending limit: {Reason}")]
    private partial void LogNotMirrored(string device, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Spending limit sync ({Reason}) skipped: another instance holds it")]
    private partial void LogBusy(string reason);
}

/// <summary>
/// Starts the limit syncs: the recurring renewal tick, one sync at start, and one whenever the
/// mirrored caps (or the zone their days are counted in) change.
/// </summary>
public sealed class LimitSyncTriggers(
    IRecurringJobManager recurring, IBackgroundJobClient jobs, IOptionsMonitor<CapsOptions> capsOptions) : IHostedService, IDisposable
{
    private IDisposable? listener;
    private string mirrored = "";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<LimitSyncJob>(LimitSyncJob.Id, job => job.RenewIfDueAsync(CancellationToken.None), LimitSyncJob.Cron);
        mirrored = Signature(capsOptions.CurrentValue);
        jobs.Enqueue<LimitSyncJob>(job => job.SyncNowAsync("start", CancellationToken.None));
        listener = capsOptions.OnChange(OnCapsChanged);
        return Task.CompletedTask;
    }

    private void OnCapsChanged(CapsOptions caps)
    {
        // A reload fires more than once; only a real change to what Mirror keeps starts a sync.
        var signature = Signature(caps);
        if (Interlocked.Exchange(ref mirrored, signature) == signature || caps.NativeLimits != NativeLimitsMode.Mirror) return;
        jobs.Enqueue<LimitSyncJob>(job => job.SyncNowAsync("caps changed", CancellationToken.None));
    }

    private static string Signature(CapsOptions caps) =>
        $"{caps.NativeLimits}|{caps.TimeZone}|{string.Join(',', caps.MirroredLimits.OrderBy(m => m.Device, StringComparer.OrdinalIgnoreCase).Select(m => $"{m.Device}={m.Usd}"))}";

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => listener?.Dispose();
}
