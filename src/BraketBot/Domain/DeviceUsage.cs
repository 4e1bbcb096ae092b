namespace BraketBot.Domain;

/// <summary>
/// One device's tasks of one day: count and shots per status, and what they cost. Tasks run under a
/// Braket Direct reservation are apart in <see cref="Reserved"/>: the reservation's hours pay for
/// them, so they cost nothing per task or shot and are never cancelled by a cap. Tasks hybrid jobs sent
/// are among the others, and also in <see cref="Jobs"/>, priced at <see cref="JobPrice"/>; the jobs'
/// instances on the day are in <see cref="Instances"/>.
/// </summary>
public sealed record DeviceUsage(
    DeviceSummary Device,
    IReadOnlyDictionary<QuantumTaskStatus, StatusTally> ByStatus,
    decimal? PerShot,
    decimal PerTask,
    IReadOnlyDictionary<QuantumTaskStatus, StatusTally>? Reserved = null
)
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
        if (JobPrice is not { } jobPrice || ofJobs.Tasks == 0)
            return Cost(all);
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
            .Select(g =>
                g.First() with
                {
                    ByStatus = AddUp(g.Select(u => u.ByStatus)),
                    Reserved = AddUp(g.Select(u => u.Reserved ?? NoTasks)),
                    Jobs = AddUp(g.Select(u => u.Jobs ?? NoTasks)),
                    Instances = g.SelectMany(u => u.Instances).ToList(),
                }
            )
            .OrderByDescending(d => d.EstimatedCost)
            .ThenBy(d => d.Device.DeviceName, StringComparer.OrdinalIgnoreCase)
            .ToList();

    private static Dictionary<QuantumTaskStatus, StatusTally> AddUp(
        IEnumerable<IReadOnlyDictionary<QuantumTaskStatus, StatusTally>> tallies
    ) =>
        tallies
            .SelectMany(t => t)
            .GroupBy(s => s.Key)
            .ToDictionary(s => s.Key, s => s.Aggregate(StatusTally.None, (sum, t) => sum.Add(t.Value)));
}
