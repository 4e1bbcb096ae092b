using System.Globalization;
using BraketBot.Ports;
using BraketBot.Usage;
using Microsoft.Extensions.Options;

namespace BraketBot.Limits;

/// <summary>
/// Braket's own spending limits in every watched region: listed fresh for /braket limits, read from a
/// minute-old snapshot for the reports that show them beside the caps, and changed one device at a time.
/// Each change also moves the next renewal forward in the store, so the renewal tick knows when it
/// has work without asking Braket.
/// </summary>
public sealed partial class BraketSpendingLimits(
    IBraketApi braket,
    SpendingLimitsSnapshot snapshot,
    IGuardStore guardStore,
    IKeyValueStore valueStore,
    IOptionsMonitor<WatchOptions> watch,
    TimeProvider time,
    ILogger<BraketSpendingLimits> logger
)
{
    /// <summary>The store key of when the next renewal falls due (an ISO instant; empty when BraketBot renews nothing).</summary>
    public const string NextRenewalKey = "spending-limits:next-renewal";

    /// <summary>How old the snapshot the reports read may be.</summary>
    private static readonly TimeSpan SnapshotAge = TimeSpan.FromMinutes(1);

    /// <summary>Every limit in the watched regions, from Braket now, or the first region's refusal; the snapshot is refreshed with
    /// them.</summary>
    public async Task<BraketResult<IReadOnlyList<SpendingLimit>>> ListAsync(CancellationToken cancellationToken)
    {
        var (limits, unlisted) = await ListByRegionAsync(cancellationToken);
        return unlisted.Count > 0 ? unlisted.Values.First() : new BraketResult<IReadOnlyList<SpendingLimit>>(limits, null);
    }

    /// <summary>Each watched region's limits, and the regions that could not be listed with why; the snapshot holds what was
    /// listed.</summary>
    public async Task<(IReadOnlyList<SpendingLimit> Limits, IReadOnlyDictionary<string, BraketError> Unlisted)> ListByRegionAsync(
        CancellationToken cancellationToken
    )
    {
        var regions = watch.CurrentValue.EffectiveRegions;
        var answers = await Task.WhenAll(regions.Select(r => braket.SearchSpendingLimitsAsync(r, cancellationToken)));
        var listed = answers.Where(a => a.IsSuccess).SelectMany(a => a.Value!).ToList();
        var unlisted = regions
            .Zip(answers)
            .Where(p => !p.Second.IsSuccess)
            .ToDictionary(p => p.First, p => p.Second.Error!, StringComparer.Ordinal);
        if (unlisted.Count == 0)
            snapshot.Current = new LimitsListing(listed, time.GetUtcNow());
        return (listed, unlisted);
    }

    /// <summary>
    /// Makes one change at Braket: a limit created with its renewal tag, or one updated to its new amount
    /// and period, tagged first when it lacks that rhythm's tag, so that a limit never carries an amount
    /// for one rhythm under the tag of another. Null when Braket took it, else Braket's refusal.
    /// </summary>
    public async Task<BraketError?> MakeAsync(LimitChange change, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid().ToString("N"); // one per change: the HTTP retries of it are the same request
        switch (change)
        {
            case LimitChange.Create create when DeviceArn.TryParse(create.DeviceArn, out var device):
                return (
                    await braket.CreateSpendingLimitAsync(
                        device,
                        create.Usd,
                        create.Period,
                        LimitTags.For(create.Renewal),
                        token,
                        cancellationToken
                    )
                ).Error;
            case LimitChange.Update update:
                var arn = update.Limit.SpendingLimitArn;
                if (
                    update.TakeOver
                    && (await braket.TagResourceAsync(arn, LimitTags.For(update.Renewal), cancellationToken)).Error is { } untagged
                )
                    return untagged;
                return (await braket.UpdateSpendingLimitAsync(arn, update.Usd, update.Period, token, cancellationToken)).Error;
            default:
                return new BraketError(BraketErrorKind.Validation, BraketOperations.CreateSpendingLimit, "not a device ARN");
        }
    }

    /// <summary>
    /// The one guard every change to the limits holds (the sync, set and clear), so that nothing acts on
    /// a listing another change has made stale; null when it was not free within <paramref name="wait"/>.
    /// </summary>
    public async Task<SyncGuard?> TryHoldAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var owner = Guid.NewGuid().ToString("N");
        var deadline = time.GetUtcNow() + wait;
        while (!await guardStore.TryTakeGuardAsync(SyncGuard.Key, owner, SyncGuard.Lease, cancellationToken))
        {
            if (time.GetUtcNow() >= deadline)
                return null;
            await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken);
        }
        return new SyncGuard(guardStore, owner);
    }

    /// <summary>The limits as of the last minute, for reports; null when Braket cannot say (the report then goes without them).</summary>
    public async Task<IReadOnlyList<SpendingLimit>?> RecentAsync(CancellationToken cancellationToken)
    {
        if (snapshot.Current is { } known && time.GetUtcNow() - known.ListedAt < SnapshotAge)
            return known.Limits;
        var listed = await ListAsync(cancellationToken);
        if (listed.IsSuccess)
            return listed.Value;
        LogUnlisted(listed.Error!.Describe());
        return snapshot.Current?.Limits;
    }

    /// <summary>The limits last listed, without asking Braket: for the alert path, which must not wait.</summary>
    public IReadOnlyList<SpendingLimit> Known => snapshot.Current?.Limits ?? [];

    /// <summary>The device's limit (Braket keeps one per device), from its region now.</summary>
    public async Task<BraketResult<SpendingLimit?>> FindAsync(DeviceArn device, CancellationToken cancellationToken)
    {
        var listed = await braket.SearchSpendingLimitsAsync(device.Region, cancellationToken);
        return listed.IsSuccess
            ? new BraketResult<SpendingLimit?>(listed.Value!.FirstOrDefault(l => l.DeviceArn == device.Value), null)
            : listed.Error!;
    }

    /// <summary>
    /// A limit was changed: the snapshot is listed again (the alert path reads it), and a limit renewed
    /// until <paramref name="renewDueAt"/> brings the next renewal forward to then if it was later.
    /// </summary>
    public async Task ChangedAsync(DateTimeOffset? renewDueAt, CancellationToken cancellationToken)
    {
        if (!(await ListAsync(cancellationToken)).IsSuccess)
            snapshot.Current = null; // stale: the next report lists them
        if (renewDueAt is not { } due)
            return;
        var current = await NextRenewalAsync(cancellationToken);
        if (current is null || due < current)
            await SetNextRenewalAsync(due, cancellationToken);
    }

    public async Task<DateTimeOffset?> NextRenewalAsync(CancellationToken cancellationToken) =>
        DateTimeOffset.TryParse(
            await valueStore.GetValueAsync(NextRenewalKey, cancellationToken),
            CultureInfo.InvariantCulture,
            DateTimeStyles.RoundtripKind,
            out var due
        )
            ? due
            : null;

    public Task SetNextRenewalAsync(DateTimeOffset? due, CancellationToken cancellationToken) =>
        valueStore.SetValueAsync(NextRenewalKey, due?.ToString("O", CultureInfo.InvariantCulture) ?? "", cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Braket's spending limits could not be listed for a report: {Error}")]
    private partial void LogUnlisted(string error);
}

/// <summary>The limits last listed, shared by every (short-lived) <see cref="BraketSpendingLimits"/>.</summary>
public sealed class SpendingLimitsSnapshot
{
    private volatile LimitsListing? current;

    public LimitsListing? Current
    {
        get => current;
        set => current = value;
    }
}

public sealed record LimitsListing(IReadOnlyList<SpendingLimit> Limits, DateTimeOffset ListedAt);

/// <summary>A held turn at changing the limits: renewed while the work goes on, released at the end.</summary>
public sealed class SyncGuard(IGuardStore store, string owner) : IAsyncDisposable
{
    public const string Key = "spending-limits:sync";

    /// <summary>Longer than one change with its retries; a long sync renews it after each change.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>False when the guard was lost (another instance took it over): the holder then stops and writes nothing.</summary>
    public Task<bool> RenewAsync(CancellationToken cancellationToken) => store.RenewGuardAsync(Key, owner, Lease, cancellationToken);

    public async ValueTask DisposeAsync() => await store.ReleaseGuardAsync(Key, owner, CancellationToken.None);
}
