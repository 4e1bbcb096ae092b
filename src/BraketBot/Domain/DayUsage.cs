
namespace BraketBot.Domain;

public sealed record StatusTally(int Tasks, long Shots)
{
    public static readonly StatusTally None = new(0, 0);

    public StatusTally Add(StatusTally other) => new(Tasks + other.Tasks, Shots + other.Shots);
}

/// <summary>
/// One device's tasks of one day: count and shots per status, and what they cost. Tasks run under a
/// Braket Direct reservation are apart in <see cref="Reserved"/>: the reservation's hours pay for
/// them, so they cost nothing per task or shot and are never cancelled by a cap.
/// </summary>
public sealed record DeviceUsage(
    DeviceSummary Device, IReadOnlyDictionary<QuantumTaskStatus, StatusTally> ByStatus, decimal? PerShot, decimal PerTask,
    IReadOnlyDictionary<QuantumTaskStatus, StatusTally>? Reserved = null)
{
    private static readonly IReadOnlyDictionary<QuantumTaskStatus, StatusTally> NoTasks = new Dictionary<QuantumTaskStatus, StatusTally>();

    /// <summary>Where the device's price came from; null for simulators (billed per minute, not estimated).</summary>
    public PriceOrigin? Origin { get; init; }

    public StatusTally this[QuantumTaskStatus status] => ByStatus.GetValueOrDefault(status, StatusTally.None);

    public StatusTally Sum(IEnumerable<QuantumTaskStatus> statuses) =>
        statuses.Aggregate(StatusTally.None, (sum, status) => sum.Add(this[status]));

    /// <summary>The reserved tasks of these statuses.</summary>
    public StatusTally ReservedSum(IEnumerable<QuantumTaskStatus> statuses) =>
        statuses.Aggregate(StatusTally.None, (sum, status) => sum.Add((Reserved ?? NoTasks).GetValueOrDefault(status, StatusTally.None)));

    /// <summary>Every reserved task of the day, whatever its status.</summary>
    public StatusTally ReservedTotal => ReservedSum(QuantumTaskStatuses.All);

    public int TotalTasks => ByStatus.Values.Sum(t => t.Tasks) + ReservedTotal.Tasks;

    public decimal? Cost(StatusTally tally) => PerShot is { } perShot ? tally.Tasks * PerTask + tally.Shots * perShot : null;

    /// <summary>Spent or being spent: tasks that ran or run now.</summary>
    public decimal? SpentCost => Cost(Sum([QuantumTaskStatus.Running, QuantumTaskStatus.Completed]));

    /// <summary>Still to be spent unless cancelled.</summary>
    public decimal? QueuedCost => Cost(Sum([QuantumTaskStatus.Created, QuantumTaskStatus.Queued]));

    public StatusTally Cancellable => Sum([QuantumTaskStatus.Created, QuantumTaskStatus.Queued]);

    /// <summary>Spent, running and queued: what the device's tasks cost unless some are cancelled.</summary>
    public decimal EstimatedCost => (SpentCost ?? 0) + (QueuedCost ?? 0);

    /// <summary>Several periods of the same devices added up, device by device (a month from its days).</summary>
    public static IReadOnlyList<DeviceUsage> Sum(IEnumerable<DeviceUsage> usages) =>
        usages
            .GroupBy(u => u.Device.DeviceArn)
            .Select(g => g.First() with
            {
                ByStatus = AddUp(g.Select(u => u.ByStatus)),
                Reserved = AddUp(g.Select(u => u.Reserved ?? NoTasks)),
            })
            .OrderByDescending(d => d.EstimatedCost)
            .ThenBy(d => d.Device.DeviceName, StringComparer.OrdinalIgnoreCase)
            .ToList();

    private static Dictionary<QuantumTaskStatus, StatusTally> AddUp(IEnumerable<IReadOnlyDictionary<QuantumTaskStatus, StatusTally>> tallies) =>
        tallies.SelectMany(t => t)
            .GroupBy(s => s.Key)
            .ToDictionary(s => s.Key, s => s.Aggregate(StatusTally.None, (sum, t) => sum.Add(t.Value)));
}

/// <summary>A day's usage, device by device, costliest first.</summary>
public sealed record DayUsage(DayWindow Window, IReadOnlyList<DeviceUsage> Devices)
{
    /// <summary>Aggregates a day's tasks; tasks outside the window are not counted.</summary>
    public static DayUsage From(DayWindow window, IEnumerable<QuantumTaskSummary> tasks, Func<string, DeviceSummary> describe, Pricing pricing) =>
        FromTotals(window, tasks
            .Where(t => window.Contains(t.CreatedAt))
            .DistinctBy(t => t.QuantumTaskArn)
            .GroupBy(t => (t.DeviceArn, t.Status, t.Billing))
            .Select(g => new DayTally(window.Day, g.Key.DeviceArn, g.Key.Status, new StatusTally(g.Count(), g.Sum(t => t.Shots)), g.Key.Billing)),
            describe, pricing);

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
                    tallies.GroupBy(t => t.Status).ToDictionary(g => g.Key, g => g.Aggregate(StatusTally.None, (sum, t) => sum.Add(t.Tally)));
                var price = pricing.PriceOf(device);
                // Reserved tasks cost nothing per task or shot; job tasks are billed per task and shot like on-demand ones.
                return new DeviceUsage(device, ByStatus(group.Where(t => t.Billing != TaskBilling.Reserved)), price?.PerShot, price?.PerTask ?? 0,
                    ByStatus(group.Where(t => t.Billing == TaskBilling.Reserved))) { Origin = price?.Origin };
            })
            .OrderByDescending(d => d.EstimatedCost)
            .ThenByDescending(d => d.TotalTasks)
            .ThenBy(d => d.Device.DeviceName, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new DayUsage(window, devices);
    }

    /// <summary>Only the device's part of the day (every device when null).</summary>
    public DayUsage Of(DeviceSummary? device) => device is null ? this : this with { Devices = Devices.Where(d => d.Device.DeviceArn == device.DeviceArn).ToList() };
}
