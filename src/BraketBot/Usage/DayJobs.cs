using BraketBot.Ports;

namespace BraketBot.Usage;

/// <summary>
/// The hybrid jobs of a day, for reports: the jobs whose tasks the ledger holds for the day (one
/// GetJob each, kept for the caps, and none at all on a day without job tasks), with their tasks' cost
/// (at the price list's job prices) and their instances' minutes and estimated cost (the price book's).
/// </summary>
public sealed class DayJobs(IBotStore store, JobBook book, DeviceCatalog catalog, Pricing pricing, TimeProvider time)
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
            jobs.Add(new JobUsage(job, job.Minutes(now), group.Count(), group.Sum(t => t.Shots), tasksCost, job.InstanceCost(pricing, now)));
        }
        return jobs.OrderByDescending(j => j.TotalCost).ToList();
    }

    /// <summary>GetJob's word; when Braket does not give it, its last word, else the job as its tasks show it (name from its ARN, status unknown).</summary>
    private async Task<HybridJob> DescribeAsync(string arn, QuantumTaskSummary task, CancellationToken cancellationToken) =>
        await book.DescribeAsync(arn, cancellationToken) ?? await book.KnownAsync(arn, cancellationToken)
        ?? new HybridJob(arn, HybridJobArn.TryParse(arn, out var jobArn) ? jobArn.Name : arn, "UNKNOWN", task.DeviceArn, null, 1, task.CreatedAt, null, null, null);
}
