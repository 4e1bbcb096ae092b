using System.Text.Json;
using BraketBot.Hosting;
using BraketBot.Ports;

namespace BraketBot.Usage;

/// <summary>
/// Hybrid jobs as Braket last described them (GetJob), kept in the store so that every evaluation, report
/// and instance prices a job's instances alike without asking Braket again: a job is asked once when its
/// tasks first show it, and again by the reconcile's tick while it runs (and by its state change events,
/// and each report that lists it). What its instances cost is worked out from that word and the time now,
/// never added up tick by tick, so it is counted once however often it is read.
/// </summary>
[HotPath]
public sealed partial class JobBook(
    IKeyValueStore valueStore,
    ILedgerStore ledgerStore,
    IBraketApi braket,
    DeviceCatalog catalog,
    Pricing pricing,
    TimeProvider time,
    ILogger<JobBook> logger
)
{
    /// <summary>
    /// A job runs at most five days (Braket's longest run time): the ledger's tasks of that long before a day can
    /// name a job still running on it.
    /// </summary>
    public const int LookBackDays = 5;

    public static string Key(string arn) => $"job:{arn}";

    /// <summary>The job as last described, without asking Braket; null when it never was.</summary>
    public async Task<HybridJob?> KnownAsync(string arn, CancellationToken cancellationToken) =>
        await valueStore.GetValueAsync(Key(arn), cancellationToken) is { } json ? JsonSerializer.Deserialize<HybridJob>(json) : null;

    /// <summary>Asks Braket (GetJob) and keeps its answer; null when Braket does not describe it (the last word, if any, stays).</summary>
    public async Task<HybridJob?> DescribeAsync(string arn, CancellationToken cancellationToken)
    {
        if (!HybridJobArn.TryParse(arn, out var jobArn))
            return null;
        var described = await braket.GetJobAsync(jobArn, cancellationToken);
        if (!described.IsSuccess)
        {
            LogNotDescribed(arn, described.Error!.Kind);
            return null;
        }
        await valueStore.SetValueAsync(Key(arn), JsonSerializer.Serialize(described.Value!), cancellationToken);
        return described.Value;
    }

    /// <summary>The job as last described, asked of Braket only the first time.</summary>
    public async Task<HybridJob?> GetAsync(string arn, CancellationToken cancellationToken) =>
        await KnownAsync(arn, cancellationToken) ?? await DescribeAsync(arn, cancellationToken);

    /// <summary>
    /// The days with the instances of the jobs the ledger's tasks name (on those days or up to
    /// <see cref="LookBackDays"/> before) added to the job's device, each day for its own minutes; jobs of
    /// devices in <paramref name="unread"/> regions are left out, as their tasks are.
    /// </summary>
    public async Task<IReadOnlyList<DayUsage>> WithInstancesAsync(
        IReadOnlyList<DayUsage> days,
        IReadOnlySet<string>? unread,
        CancellationToken cancellationToken
    ) =>
        days.Count == 0
            ? days
            : WithInstances(days, await JobsAsync(days.Min(d => d.Window.Day), days.Max(d => d.Window.Day), unread, cancellationToken));

    /// <summary>
    /// As <see cref="WithInstancesAsync"/> from what the store knows of the jobs alone, never asking Braket (a dashboard's
    /// read): a job never described (or whose description failed) is left out, and named in <c>Undescribed</c>.
    /// </summary>
    public async Task<(IReadOnlyList<DayUsage> Days, IReadOnlyList<string> Undescribed)> WithKnownInstancesAsync(
        IReadOnlyList<DayUsage> days,
        CancellationToken cancellationToken
    )
    {
        if (days.Count == 0)
            return (days, []);
        var (described, undescribed) = await DescribedAsync(
            days.Min(d => d.Window.Day),
            days.Max(d => d.Window.Day),
            null,
            KnownAsync,
            cancellationToken
        );
        return (WithInstances(days, described), undescribed);
    }

    /// <summary>
    /// The jobs the ledger's tasks name in the days from..to (or up to <see cref="LookBackDays"/> before), as last described,
    /// each with the device its instances count on; jobs of devices in <paramref name="unread"/> regions are left out.
    /// </summary>
    public async Task<IReadOnlyList<(HybridJob Job, DeviceSummary Device)>> JobsAsync(
        Day from,
        Day to,
        IReadOnlySet<string>? unread,
        CancellationToken cancellationToken
    ) => (await DescribedAsync(from, to, unread, GetAsync, cancellationToken)).Described;

    /// <summary>As <see cref="JobsAsync"/> from what the store knows alone: a job never described is left out.</summary>
    public async Task<IReadOnlyList<(HybridJob Job, DeviceSummary Device)>> KnownJobsAsync(
        Day from,
        Day to,
        CancellationToken cancellationToken
    ) => (await DescribedAsync(from, to, null, KnownAsync, cancellationToken)).Described;

    private async Task<(List<(HybridJob Job, DeviceSummary Device)> Described, List<string> Undescribed)> DescribedAsync(
        Day from,
        Day to,
        IReadOnlySet<string>? unread,
        Func<string, CancellationToken, Task<HybridJob?>> describe,
        CancellationToken cancellationToken
    )
    {
        var described = new List<(HybridJob Job, DeviceSummary Device)>();
        var undescribed = new List<string>();
        foreach (var (arn, taskDevice) in await JobsOfAsync(from.AddDays(-LookBackDays), to, cancellationToken))
        {
            if (await describe(arn, cancellationToken) is not { } job)
            {
                undescribed.Add(arn);
                continue;
            }
            var device = catalog.Describe(DeviceArn.TryParse(job.DeviceArn, out var own) ? own.Value : taskDevice);
            if (unread is null || !unread.Contains(device.Region))
                described.Add((job, device));
        }
        return (described, undescribed);
    }

    /// <summary>The days with the instances of these jobs added to their devices, each day for its own minutes.</summary>
    public IReadOnlyList<DayUsage> WithInstances(IReadOnlyList<DayUsage> days, IEnumerable<(HybridJob Job, DeviceSummary Device)> jobs)
    {
        var described = jobs.ToList();
        if (described.Count == 0)
            return days;
        var now = time.GetUtcNow();
        IEnumerable<(DeviceSummary, JobInstanceCost)> On(DayWindow window) =>
            from d in described
            let cost = d.Job.InstanceCostIn(window, pricing, now) ?? 0m
            where cost > 0
            select (d.Device, new JobInstanceCost(d.Job.JobArn, cost, d.Job.IsActive));
        return days.Select(day => day.WithInstances(On(day.Window), pricing)).ToList();
    }

    /// <summary>Describes again the days' jobs that were queued or running when last described (the reconcile's tick).</summary>
    public async Task RefreshActiveAsync(Day from, Day to, CancellationToken cancellationToken)
    {
        foreach (var (arn, _) in await JobsOfAsync(from.AddDays(-LookBackDays), to, cancellationToken))
            if (await KnownAsync(arn, cancellationToken) is not { IsActive: false })
                await DescribeAsync(arn, cancellationToken);
    }

    /// <summary>
    /// The jobs the ledger's tasks name in the days from..to, with the device of one of their tasks; rows are read
    /// only on days whose totals hold job tasks.
    /// </summary>
    private async Task<IReadOnlyList<(string Arn, string DeviceArn)>> JobsOfAsync(Day from, Day to, CancellationToken cancellationToken)
    {
        var jobDays = (await ledgerStore.DayTotalsAsync(from, to, cancellationToken))
            .Where(t => t.Billing == TaskBilling.Job && t.Tally.Tasks > 0)
            .Select(t => t.Day)
            .Distinct()
            .ToList();
        var jobs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var day in jobDays)
        {
            foreach (var row in await ledgerStore.LedgerTasksAsync(day, null, cancellationToken))
                if (row.Task.Billing == TaskBilling.Job)
                    jobs.TryAdd(row.Task.Origin!.JobArn!, row.Task.DeviceArn);
        }
        return jobs.Select(j => (j.Key, j.Value)).ToList();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "GetJob of {Job} failed ({Kind}); its instances are priced as last described")]
    private partial void LogNotDescribed(string job, BraketErrorKind kind);
}
