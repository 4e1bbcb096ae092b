
namespace BraketBot.Domain;

public sealed record StatusTally(int Tasks, long Shots)
{
    public static readonly StatusTally None = new(0, 0);

    public StatusTally Add(StatusTally other) => new(Tasks + other.Tasks, Shots + other.Shots);
}

/// <summary>One device's tasks of one day: count and shots per status, and what they cost.</summary>
public sealed record DeviceUsage(DeviceSummary Device, IReadOnlyDictionary<QuantumTaskStatus, StatusTally> ByStatus, decimal? PerShot, decimal PerTask)
{
    public StatusTally this[QuantumTaskStatus status] => ByStatus.GetValueOrDefault(status, StatusTally.None);

    public StatusTally Sum(IEnumerable<QuantumTaskStatus> statuses) =>
        statuses.Aggregate(StatusTally.None, (sum, status) => sum.Add(this[status]));

    public int TotalTasks => ByStatus.Values.Sum(t => t.Tasks);

    public decimal? Cost(StatusTally tally) => PerShot is { } perShot ? tally.Tasks * PerTask + tally.Shots * perShot : null;

    /// <summary>Spent or being spent: tasks that ran or run now.</summary>
    public decimal? SpentCost => Cost(Sum([QuantumTaskStatus.Running, QuantumTaskStatus.Completed]));

    /// <summary>Still to be spent unless cancelled.</summary>
    public decimal? QueuedCost => Cost(Sum([QuantumTaskStatus.Created, QuantumTaskStatus.Queued]));

    public StatusTally Cancellable => Sum([QuantumTaskStatus.Created, QuantumTaskStatus.Queued]);
}

/// <summary>A day's usage, device by device, costliest first.</summary>
public sealed record DayUsage(DayWindow Window, IReadOnlyList<DeviceUsage> Devices)
{
    /// <summary>Aggregates a day's tasks; tasks outside the window are not counted.</summary>
    public static DayUsage From(DayWindow window, IEnumerable<QuantumTaskSummary> tasks, Func<string, DeviceSummary> describe, Pricing pricing)
    {
        var devices = tasks
            .Where(t => window.Contains(t.CreatedAt))
            .DistinctBy(t => t.QuantumTaskArn)
            .GroupBy(t => t.DeviceArn)
            .Select(group =>
            {
                var device = describe(group.Key);
                var byStatus = group
                    .GroupBy(t => t.Status)
                    .ToDictionary(g => g.Key, g => new StatusTally(g.Count(), g.Sum(t => t.Shots)));
                return new DeviceUsage(device, byStatus, pricing.PerShot(device), pricing.PerTask);
            })
            .OrderByDescending(d => (d.SpentCost ?? 0) + (d.QueuedCost ?? 0))
            .ThenByDescending(d => d.TotalTasks)
            .ThenBy(d => d.Device.DeviceName, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new DayUsage(window, devices);
    }
}
