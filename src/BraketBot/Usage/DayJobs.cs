using BraketBot.Ports;

namespace BraketBot.Usage;

/// <summary>
/// The hybrid jobs of a day, for reports: the jobs whose tasks the ledger holds for the day (one
/// GetJob each in its life, shared with the caps, and none at all on a day without job tasks), with their tasks' cost
/// (at the price list's job prices) and their instances' minutes and estimated cost (the price book's).
/// </summary>
public sealed class DayJobs(ILedgerStore store, JobBook book, DeviceCatalog catalog, Pricing pricing, TimeProvider time)
{
    /// <param name="scanned">The day's tasks when a report just scanned them (the ledger may not hold the day); null: its rows.</param>
    public async Task<IReadOnlyList<JobUsage>> OfDayAsync(
        Day day,
        DeviceSummary? device,
        IReadOnlyList<QuantumTaskSummary>? scanned,
        CancellationToken cancellationToken
    )
    {
        var counted = CapPolicy.CountedStatuses(CapBasis.Day);
        var tasks = scanned?.Where(t => counted.Contains(t.Status))
            ?? (await store.LedgerTasksAsync(day, counted, cancellationToken)).Select(r => r.Task);
        var byJob = tasks
            .Where(t => t.Billing == TaskBilling.Job && (device is null || t.DeviceArn == device.DeviceArn))
            .GroupBy(t => t.Origin!.JobArn!, StringComparer.Ordinal);
        var jobs = new List<JobUsage>();
        var now = time.GetUtcNow();
        foreach (var group in byJob)
        {
            var job = await DescribeAsync(group.Key, group.First(), cancellationToken);
            var tasksCost = group.Sum(t => pricing.CostOf(t, catalog.Describe(t.DeviceArn)) ?? 0m);
            jobs.Add(
                new JobUsage(job, job.Minutes(now), group.Count(), group.Sum(t => t.Shots), tasksCost, job.InstanceCost(pricing, now))
            );
        }
        return jobs.OrderByDescending(j => j.TotalCost).ToList();
    }

    /// <summary>
    /// The job as the caps price it (<see cref="JobBook"/>: GetJob's word, asked once and kept fresh by the reconcile
    /// and the job's events), so that a report's instance cost is the caps'; else the job as its tasks show it.
    /// </summary>
    private async Task<HybridJob> DescribeAsync(string arn, QuantumTaskSummary task, CancellationToken cancellationToken) =>
        await book.GetAsync(arn, cancellationToken)
        ?? new HybridJob(
            arn,
            HybridJobArn.TryParse(arn, out var jobArn) ? jobArn.Name : arn,
            "UNKNOWN",
            task.DeviceArn,
            null,
            1,
            task.CreatedAt,
            null,
            null,
            null
        );
}
