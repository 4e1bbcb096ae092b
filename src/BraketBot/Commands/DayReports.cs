using BraketBot.Braket;
using BraketBot.Caps;
using BraketBot.Reports;
using BraketBot.Usage;
using Microsoft.Extensions.Options;

namespace BraketBot.Commands;

/// <summary>A day's usage, fetched in one scan per region, and the info report made of it.</summary>
public sealed class DayReports(
    IBraketApi braket,
    DeviceCatalog catalog,
    Pricing pricing,
    IOptionsMonitor<CapsOptions> capsOptions,
    IOptionsMonitor<BraketOptions> braketOptions,
    TimeProvider time)
{
    public DateOnly Today() => DayWindow.Today(time.GetUtcNow(), capsOptions.CurrentValue.Zone);

    public DayWindow Window(DateOnly day) => DayWindow.For(day, capsOptions.CurrentValue.Zone);

    /// <summary>The regions a device's tasks live in: its own, or all watched ones for simulators and "every device".</summary>
    public IReadOnlyList<string> RegionsOf(DeviceSummary? device) =>
        device is { Region.Length: > 0 } ? [device.Region] : braketOptions.CurrentValue.EffectiveRegions;

    public async Task<BraketResult<IReadOnlyList<QuantumTaskSummary>>> TasksAsync(
        DayWindow window, DeviceSummary? device, CancellationToken cancellationToken)
    {
        if (device is null) await catalog.GetDevicesAsync(cancellationToken); // names for every ARN the scan meets
        return await braket.TasksCreatedAsync(RegionsOf(device), device?.DeviceArn, window.Start, window.End, cancellationToken);
    }

    public async Task<BraketResult<DayUsage>> UsageAsync(DayWindow window, DeviceSummary? device, CancellationToken cancellationToken)
    {
        var tasks = await TasksAsync(window, device, cancellationToken);
        return tasks.IsSuccess ? DayUsage.From(window, tasks.Value!, catalog.Describe, pricing) : tasks.Error!;
    }

    public async Task<SlashReply> InfoAsync(DateOnly day, string? deviceQuery, CancellationToken cancellationToken)
    {
        DeviceSummary? device = null;
        if (deviceQuery is not null)
        {
            switch (await catalog.ResolveAsync(deviceQuery, cancellationToken))
            {
                case DeviceLookup.Found found:
                    device = found.Device;
                    break;
                case DeviceLookup.NotFound notFound:
                    return SlashReply.Private(InfoReportView.UnknownDevice(notFound));
                case DeviceLookup.Failed failed:
                    return SlashReply.Private(failed.Error.Describe());
            }
        }

        var window = Window(day);
        var usage = await UsageAsync(window, device, cancellationToken);
        if (!usage.IsSuccess) return SlashReply.Private(usage.Error!.Describe());

        var caps = capsOptions.CurrentValue;
        var standings = CapPolicy.Evaluate(usage.Value!, caps)
            .Where(s => device is null ? true : s.Cap.Scope.Device is not null && s.Cap.Scope.Covers(device))
            .ToList();
        var report = new InfoReport(usage.Value!, device, standings, RegionsOf(device), pricing.PriceListDate, caps.TimeZone);
        return new SlashReply(InfoReportView.Render(report), Slack.Visibility.InChannel);
    }
}
