
namespace BraketBot.Domain;

public sealed record StatusTally(int Tasks, long Shots)
{
    public static readonly StatusTally None = new(0, 0);

    public StatusTally Add(StatusTally other) => new(Tasks + other.Tasks, Shots + other.Shots);
}

/// <summary>
/// One device's tasks of one day: count and shots per status, and what they cost. Tasks run under a
/// Braket Direct reservation are apart in <see cref="Reserved"/>: the reservation's hours pay for
/// them, so they cost nothing per task or shot and are never cancelled by a cap. Tasks hybrid jobs sent
/// are among the others, and also in <see cref="Jobs"/>, priced at <see cref="JobPrice"/>; the jobs'
/// instances on the day are in <see cref="Instances"/>.
/// </summary>
public sealed record DeviceUsage(
    DeviceSummary Device, IReadOnlyDictionary<QuantumTaskStatus, StatusTally> ByStatus, decimal? PerShot, decimal PerTask,
    IReadOnlyDictionary<QuantumTaskStatus, StatusTally>? Reserved = null)
{
    private static readonly IReadOnlyDictionary<QuantumTaskStatus, StatusTally> NoTasks = new Dictionary<QuantumTaskStatus, StatusTally>();

    /// <summary>Where the device's price came from; null for simulators (billed per minute, not estimated).</summary>
    public PriceOrigin? Origin { get; init; }

    /// <summary>The tasks hybrid jobs sent (a part of <see cref="ByStatus"/>), per status.</summary>
    public IReadOnlyDictionary<QuantumTaskStatus, StatusTally>? Jobs { get; init; }

    /// <summary>The price of a job's task on the device (the price list's job families); null: priced as on demand.</summary>
    public DevicePrice? JobPrice { get; init; }

    /// <summary>The instances of the hybrid jobs on the device, for their minutes of the day.</summary>
    public IReadOnlyList<JobInstanceCost> Instances { get; init; } = [];

    /// <summary>What the jobs' instances cost on the day (they cost money whatever the tasks' statuses).</summary>
    public decimal InstanceCost => Instances.Sum(i => i.Cost);

    public StatusTally this[QuantumTaskStatus status] => ByStatus.GetValueOrDefault(status, StatusTally.None);

    public StatusTally Sum(IEnumerable<QuantumTaskStatus> statuses) =>
        statuses.Aggregate(StatusTally.None, (sum, status) => sum.Add(this[status]));

    /// <summary>The reserved tasks of these statuses.</summary>
    public StatusTally ReservedSum(IEnumerable<QuantumTaskStatus> statuses) =>
        statuses.Aggregate(StatusTally.None, (sum, status) => sum.Add((Reserved ?? NoTasks).GetValueOrDefault(status, StatusTally.None)));

    /// <summary>Every reserved task of the day, whatever its status.</summary>
    public StatusTally ReservedTotal => ReservedSum(QuantumTaskStatuses.All);

    public int TotalTasks => ByStatus.Values.Sum(t => t.Tasks) + ReservedTotal.Tasks;

    /// <summary>
    /// What the tasks of these statuses cost: on-demand ones at the device's price, the jobs' at the job price;
    /// null for simulators.
    /// </summary>
    public decimal? CostOf(IEnumerable<QuantumTaskStatus> statuses)
    {
        var counted = statuses.ToList();
        var all = Sum(counted);
        var jobs = Jobs ?? NoTasks;
        var ofJobs = counted.Aggregate(StatusTally.None, (sum, status) => sum.Add(jobs.GetValueOrDefault(status, StatusTally.None)));
        if (JobPrice is not { } jobPrice || ofJobs.Tasks == 0) return Cost(all);
        var onDemand = new StatusTally(all.Tasks - ofJobs.Tasks, all.Shots - ofJobs.Shots);
        return Cost(onDemand) + ofJobs.Tasks * jobPrice.PerTask + ofJobs.Shots * jobPrice.PerShot;
    }

    private decimal? Cost(StatusTally tally) => PerShot is { } perShot ? tally.Tasks * PerTask + tally.Shots * perShot : null;

    /// <summary>Spent or being spent: tasks that ran or run now.</summary>
    public decimal? SpentCost => CostOf([QuantumTaskStatus.Running, QuantumTaskStatus.Completed]);

    /// <summary>Still to be spent unless cancelled.</summary>
    public decimal? QueuedCost => CostOf([QuantumTaskStatus.Created, QuantumTaskStatus.Queued]);

    public StatusTally Cancellable => Sum([QuantumTaskStatus.Created, QuantumTaskStatus.Queued]);

    /// <summary>Spent, running and queued, and the jobs' instances: what the device costs on the day unless tasks are cancelled.</summary>
    public decimal EstimatedCost => (SpentCost ?? 0) + (QueuedCost ?? 0) + InstanceCost;

    /// <summary>Several periods of the same devices added up, device by device (a month from its days).</summary>
    public static IReadOnlyList<DeviceUsage> Sum(IEnumerable<DeviceUsage> usages) =>
        usages
            .GroupBy(u => u.Device.DeviceArn)
            .Select(g => g.First() with
            {
                ByStatus = AddUp(g.Select(u => u.ByStatus)),
                Reserved = AddUp(g.Select(u => u.Reserved ?? NoTasks)),
                Jobs = AddUp(g.Select(u => u.Jobs ?? NoTasks)),
                Instances = g.SelectMany(u => u.Instances).ToList(),
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
        if (byDevice.Count == 0) return this;
        var devices = Devices.Select(d => byDevice.TryGetValue(d.Device.DeviceArn, out var added)
                ? d with { Instances = [.. d.Instances, .. added.Select(a => a.Cost)] }
                : d)
            .Concat(byDevice.Where(b => Devices.All(d => d.Device.DeviceArn != b.Key))
                .Select(b => Priced(b.Value[0].Device, pricing) with { Instances = b.Value.Select(a => a.Cost).ToList() }));
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
        devices.OrderByDescending(d => d.EstimatedCost)
            .ThenByDescending(d => d.TotalTasks)
            .ThenBy(d => d.Device.DeviceName, StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>Only the device's part of the day (every device when null).</summary>
    public DayUsage Of(DeviceSummary? device) => device is null ? this : this with { Devices = Devices.Where(d => d.Device.DeviceArn == device.DeviceArn).ToList() };
}
