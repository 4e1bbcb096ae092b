using BraketBot.Hosting;
using BraketBot.Ports;
using Microsoft.Extensions.Options;

namespace BraketBot.Usage;

/// <summary>
/// The devices of every configured region (retired ones included, as SearchDevices lists them),
/// cached for <see cref="WatchOptions.DeviceCatalogRefresh"/>. A device ARN is always accepted,
/// listed or not, so a new or unlisted device is never refused.
/// </summary>
[HotPath]
public sealed partial class DeviceCatalog(
    IBraketApi braket,
    DeviceCatalogCache store,
    IOptionsMonitor<WatchOptions> options,
    TimeProvider time,
    ILogger<DeviceCatalog> logger
)
{
    public async Task<BraketResult<IReadOnlyList<DeviceSummary>>> GetDevicesAsync(CancellationToken cancellationToken)
    {
        if (IsFresh())
            return Cached();
        await store.Gate.WaitAsync(cancellationToken);
        try
        {
            if (IsFresh())
                return Cached();
            var regions = options.CurrentValue.EffectiveRegions;
            var answers = await Task.WhenAll(regions.Select(r => braket.SearchDevicesAsync(r, cancellationToken)));
            var failures = answers.Where(a => !a.IsSuccess).Select(a => a.Error!).ToList();
            if (failures.Count == answers.Length)
                return store.Snapshot is not null ? Cached() : failures[0];
            foreach (var failure in failures)
                LogIncomplete(failure.Describe());
            var devices = answers.Where(a => a.IsSuccess).SelectMany(a => a.Value!).DistinctBy(d => d.DeviceArn).ToList();
            store.Snapshot = (devices, time.GetUtcNow());
            return devices;
        }
        finally
        {
            store.Gate.Release();
        }
    }

    /// <summary>
    /// Finds a device as a person names it (<see cref="DeviceNames"/>: ARN name or display name, any case,
    /// or the ARN); an unknown name comes back with the nearest names.
    /// </summary>
    public async Task<DeviceLookup> ResolveAsync(string nameOrArn, CancellationToken cancellationToken)
    {
        var devices = await GetDevicesAsync(cancellationToken);
        if (DeviceArn.TryParse(nameOrArn, out var arn))
        {
            var listed = devices.Value?.FirstOrDefault(d => d.DeviceArn == arn.Value);
            return new DeviceLookup.Found(listed ?? DeviceSummary.FromArn(arn));
        }
        if (!devices.IsSuccess)
            return new DeviceLookup.Failed(devices.Error!);

        var match = devices.Value!.Where(d => d.Names(nameOrArn)).OrderBy(d => d.IsRetired).FirstOrDefault();
        return match is not null
            ? new DeviceLookup.Found(match)
            : new DeviceLookup.NotFound(nameOrArn, NameSuggestions.Nearest(nameOrArn, devices.Value!.Select(d => d.DeviceName)));
    }

    /// <summary>The device behind an ARN, from the cache when listed there, else from the ARN itself.</summary>
    public DeviceSummary Describe(string deviceArn) =>
        store.Snapshot?.Devices.FirstOrDefault(d => d.DeviceArn == deviceArn)
        ?? (
            DeviceArn.TryParse(deviceArn, out var arn)
                ? DeviceSummary.FromArn(arn)
                : new DeviceSummary(deviceArn, deviceArn, "", "QPU", "UNKNOWN")
        );

    private BraketResult<IReadOnlyList<DeviceSummary>> Cached() => new(store.Snapshot!.Value.Devices, null);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device list incomplete: {Error}")]
    private partial void LogIncomplete(string error);

    private bool IsFresh() => store.Snapshot is { } c && time.GetUtcNow() - c.FetchedAt < options.CurrentValue.DeviceCatalogRefresh;
}
