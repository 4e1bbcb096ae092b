using BraketBot.Ports;

namespace BraketBot.Usage;

/// <summary>
/// The hybrid jobs of a day, for reports: the jobs whose tasks the ledger holds for the day (one
/// GetJob each, and none at all on a day without job tasks), with their tasks' cost and their
/// instances' minutes and estimated cost.
/// </summary>
public sealed partial class DayJobs(
    IBotStore store, IBraketApi braket, DeviceCatalog catalog, Pricing pricing, IInstancePrices prices, TimeProvider time, ILogger<DayJobs> logger)
{
    public async Task<IReadOnlyList<JobUsage>> OfDayAsync(Day day, DeviceSummary? device, CancellationToken cancellationToken)
    {
        var rows = await store.LedgerTasksAsync(day, CapPolicy.CountedStatuses(CapBasis.Day), cancellationToken);
        var byJob = rows.Select(r => r.Task)
            .Where(t => t.Billing == TaskBilling.Job && (device is null || t.DeviceArn == device.DeviceArn))
            .GroupBy(t => t.Origin!.JobArn!, StringComparer.Ordinal);
        var jobs = new List<JobUsage>();
        var now = time.GetUtcNow();
        foreach (var group in byJob)
        {
            var job = await DescribeAsync(group.Key, group.First(), cancellationToken);
            var tasksCost = group.Sum(t => pricing.CostOf(t, catalog.Describe(t.DeviceArn)) ?? 0m);
            jobs.Add(new JobUsage(job, job.Minutes(now), group.Count(), group.Sum(t => t.Shots), tasksCost, job.InstanceCost(prices, now)));
        }
        return jobs.OrderByDescending(j => j.TotalCost).ToList();
    }

    /// <summary>GetJob's word; when Braket does not give it, the job as its tasks show it (name from its ARN, status unknown).</summary>
    private async Task<HybridJob> DescribeAsync(string arn, QuantumTaskSummary task, CancellationToken cancellationToken)
    {
        if (HybridJobArn.TryParse(arn, out var jobArn))
        {
            var described = await braket.GetJobAsync(jobArn, cancellationToken);
            if (described.IsSuccess) return described.Value!;
            LogNotDescribed(arn, described.Error!.Kind);
        }
        return new HybridJob(arn, jobArn?.Name ?? arn, "UNKNOWN", task.DeviceArn, null, 1, task.CreatedAt, null, null, null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "GetJob of {Job} failed ({Kind}); the report names it by its ARN")]
    private partial void LogNotDescribed(string job, BraketErrorKind kind);
}
