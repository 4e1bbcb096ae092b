using BraketBot.Hosting;
using BraketBot.Ports;
using Microsoft.Extensions.Options;

namespace BraketBot.Usage;

/// <summary>A day's tasks and usage, fetched in one scan per region (createdAt and device filtered by Braket).</summary>
[HotPath]
public sealed class DayScanner(
    IBraketApi braket,
    DeviceCatalog catalog,
    IOptionsMonitor<CapsOptions> capsOptions,
    IOptionsMonitor<WatchOptions> watchOptions,
    TimeProvider time
)
{
    public Day Today() => Day.Of(time.GetUtcNow(), capsOptions.CurrentValue.Zone);

    public DayWindow Window(Day day) => day.Window(capsOptions.CurrentValue.Zone);

    /// <summary>The regions a device's tasks live in: its own, or all watched ones for simulators and "every device".</summary>
    public IReadOnlyList<string> RegionsOf(DeviceSummary? device) =>
        device is { Region.Length: > 0 } ? [device.Region] : watchOptions.CurrentValue.EffectiveRegions;

    public Task<BraketResult<IReadOnlyList<QuantumTaskSummary>>> TasksAsync(
        DayWindow window,
        DeviceSummary? device,
        CancellationToken cancellationToken
    ) => TasksAsync(window.Start, window.End, device, cancellationToken);

    /// <summary>The tasks created in [start, end): one paced pass per region, however many days that spans.</summary>
    public async Task<BraketResult<IReadOnlyList<QuantumTaskSummary>>> TasksAsync(
        DateTimeOffset start,
        DateTimeOffset end,
        DeviceSummary? device,
        CancellationToken cancellationToken
    )
    {
        if (device is null)
            await catalog.GetDevicesAsync(cancellationToken); // names for every ARN the scan meets
        return await braket.TasksCreatedAsync(RegionsOf(device), device?.DeviceArn, start, end, cancellationToken);
    }

    /// <summary>
    /// The tasks created in [start, end) in <paramref name="regions"/> (null: the device's, or every watched
    /// one), region by region: a region that fails does not stop the others.
    /// </summary>
    public async Task<RegionalTasks> TasksByRegionAsync(
        DateTimeOffset start,
        DateTimeOffset end,
        DeviceSummary? device,
        IReadOnlyList<string>? regions,
        ScanPace pace,
        CancellationToken cancellationToken
    )
    {
        if (device is null)
            await catalog.GetDevicesAsync(cancellationToken);
        return await braket.SearchRegionsAsync(
            regions ?? RegionsOf(device),
            TaskSearch.CreatedFilters(device?.DeviceArn, start, end),
            t => t.CreatedAt >= start && t.CreatedAt < end,
            pace,
            time,
            cancellationToken
        );
    }
}
