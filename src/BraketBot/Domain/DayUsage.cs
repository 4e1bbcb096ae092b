namespace BraketBot.Domain;

/// <summary>A day's usage, device by device, costliest first.</summary>
public sealed record DayUsage(DayWindow Window, IReadOnlyList<DeviceUsage> Devices)
{
    /// <summary>Aggregates a day's tasks; tasks outside the window are not counted.</summary>
    public static DayUsage From(
        DayWindow window,
        IEnumerable<QuantumTaskSummary> tasks,
        Func<string, DeviceSummary> describe,
        Pricing pricing
    ) =>
        FromTotals(
            window,
            tasks
                .Where(t => window.Contains(t.CreatedAt))
                .DistinctBy(t => t.QuantumTaskArn)
                .GroupBy(t => (t.DeviceArn, t.Status, t.Billing))
                .Select(g => new DayTally(
                    window.Day,
                    g.Key.DeviceArn,
                    g.Key.Status,
                    new StatusTally(g.Count(), g.Sum(t => t.Shots)),
                    g.Key.Billing
                )),
            describe,
            pricing
        );

    /// <summary>A day's usage from its totals per device and status (the ledger's, or a scan's); empty tallies are left out.</summary>
    public static DayUsage FromTotals(DayWindow window, IEnumerable<DayTally> totals, Func<string, DeviceSummary> describe, Pricing pricing)
    {
        var devices = totals
            .Where(t => t.Tally.Tasks > 0)
            .GroupBy(t => t.DeviceArn)
            .Select(group =>
            {
                var device = describe(group.Key);
                Dictionary<QuantumTaskStatus, StatusTally> ByStatus(IEnumerable<DayTally> tallies) =>
                    tallies
                        .GroupBy(t => t.Status)
                        .ToDictionary(g => g.Key, g => g.Aggregate(StatusTally.None, (sum, t) => sum.Add(t.Tally)));
                // Reserved tasks cost nothing per task or shot; job tasks are billed at the price list's job families.
                return Priced(device, pricing) with
                {
                    ByStatus = ByStatus(group.Where(t => t.Billing != TaskBilling.Reserved)),
                    Reserved = ByStatus(group.Where(t => t.Billing == TaskBilling.Reserved)),
                    Jobs = ByStatus(group.Where(t => t.Billing == TaskBilling.Job)),
                };
            });
        return new DayUsage(window, Ordered(devices));
    }

    /// <summary>
    /// The day with the hybrid jobs' instances added to their devices (a device with no task of the day
    /// appears for them): <paramref name="instances"/> holds each job once, for its minutes of this day.
    /// </summary>
    public DayUsage WithInstances(IEnumerable<(DeviceSummary Device, JobInstanceCost Cost)> instances, Pricing pricing)
    {
        var byDevice = instances.GroupBy(i => i.Device.DeviceArn).ToDictionary(g => g.Key, g => g.ToList());
        if (byDevice.Count == 0)
            return this;
        var devices = Devices
            .Select(d =>
                byDevice.TryGetValue(d.Device.DeviceArn, out var added)
                    ? d with
                    {
                        Instances = [.. d.Instances, .. added.Select(a => a.Cost)],
                    }
                    : d
            )
            .Concat(
                byDevice
                    .Where(b => Devices.All(d => d.Device.DeviceArn != b.Key))
                    .Select(b => Priced(b.Value[0].Device, pricing) with { Instances = b.Value.Select(a => a.Cost).ToList() })
            );
        return this with { Devices = Ordered(devices) };
    }

    /// <summary>A device without tasks yet, with its prices.</summary>
    private static DeviceUsage Priced(DeviceSummary device, Pricing pricing)
    {
        var price = pricing.PriceOf(device);
        return new DeviceUsage(device, new Dictionary<QuantumTaskStatus, StatusTally>(), price?.PerShot, price?.PerTask ?? 0)
        {
            Origin = price?.Origin,
            JobPrice = pricing.JobTaskPriceOf(device),
        };
    }

    private static List<DeviceUsage> Ordered(IEnumerable<DeviceUsage> devices) =>
        devices
            .OrderByDescending(d => d.EstimatedCost)
            .ThenByDescending(d => d.TotalTasks)
            .ThenBy(d => d.Device.DeviceName, StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>Only the device's part of the day (every device when null).</summary>
    public DayUsage Of(DeviceSummary? device) =>
        device is null ? this : this with { Devices = Devices.Where(d => d.Device.DeviceArn == device.DeviceArn).ToList() };
}
