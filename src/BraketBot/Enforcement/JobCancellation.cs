using BraketBot.Hosting;
using BraketBot.Ports;
using BraketBot.Usage;

namespace BraketBot.Enforcement;

/// <summary>
/// The hybrid jobs of a run (Caps:Jobs = Cancel): described when the run is planned (name, instance,
/// minutes so far, their estimated cost), each claimed by one run, and cancelled once with CancelJob
/// before the run's tasks, since a running job would only queue more of them.
/// </summary>
[HotPath]
public sealed partial class JobCancellation(
    IClaimStore store,
    IBraketApi braket,
    JobBook book,
    Pricing pricing,
    TimeProvider time,
    ILogger<JobCancellation> logger
)
{
    private static readonly TimeSpan[] Backoff =
    [
        TimeSpan.FromSeconds(1),
        TimeSpan.FromSeconds(2),
        TimeSpan.FromSeconds(4),
        TimeSpan.FromSeconds(8),
    ];

    /// <summary>The claim that lets one run at a time cancel a job.</summary>
    public static string JobKey(string arn) => $"cancel-job:{arn}";

    /// <summary>
    /// The jobs of the tasks a run cancels, and <paramref name="running"/> (jobs whose instances are over a
    /// cost cap), as the run tells of them, and the claims of those it is to cancel; a job another run holds
    /// is told, not cancelled twice.
    /// </summary>
    public async Task<(IReadOnlyList<RunJob> Jobs, IReadOnlyList<string> Claims)> PlanAsync(
        IEnumerable<QuantumTaskSummary> toCancel,
        IEnumerable<string> running,
        CancellationToken cancellationToken
    )
    {
        var arns = toCancel
            .Where(t => t.Billing == TaskBilling.Job)
            .Select(t => t.Origin!.JobArn!)
            .Concat(running)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (arns.Count == 0)
            return ([], []);
        var claimed = await store.ClaimedAsync(arns.Select(JobKey).ToList(), cancellationToken);
        var jobs = new List<RunJob>();
        foreach (var arn in arns)
        {
            var job = await DescribeAsync(arn, cancellationToken);
            jobs.Add(
                job.State == RunTaskState.Pending && claimed.Contains(JobKey(arn))
                    ? job with
                    {
                        State = RunTaskState.NotCancellable,
                        Detail = "another run is cancelling it",
                    }
                    : job
            );
        }
        return (jobs, jobs.Where(j => j.State == RunTaskState.Pending).Select(j => JobKey(j.Arn)).ToList());
    }

    /// <summary>Cancels the run's pending jobs, each saved as it lands, so a resumed run cancels none twice.</summary>
    public async Task CancelAsync(RunSession session, CancellationToken cancellationToken)
    {
        foreach (var job in session.Run.PendingJobs.ToList())
        {
            var (result, detail) = await CancelOneAsync(job.Arn, cancellationToken);
            session.Update(r => r.WithJob(job.Arn, result, detail));
            await session.SaveAsync(cancellationToken);
        }
    }

    /// <summary>
    /// A job the run found by checking a task it was planned without (its origin was unknown then): described, claimed
    /// and cancelled before that task, once, as the jobs it was planned with are; one another run holds is told, not
    /// cancelled twice. Saved pending before its cancel, so a resumed run cancels it if this host could not.
    /// </summary>
    /// <param name="gate">One at a time within the run: two of its tasks may find the same job at once.</param>
    public async Task CancelFoundAsync(RunSession session, string arn, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (session.Run.Jobs.Any(j => j.Arn == arn))
                return;
            var job = await DescribeAsync(arn, cancellationToken);
            var claimedFor = session.Run.Deadline + RunLauncher.ClaimMargin;
            if (job.State == RunTaskState.Pending && !await store.TryClaimAsync(JobKey(arn), claimedFor, cancellationToken))
                job = job with { State = RunTaskState.NotCancellable, Detail = "another run is cancelling it" };
            session.Update(r => r with { Jobs = [.. r.Jobs, job] });
            await session.SaveAsync(cancellationToken);
            await CancelAsync(session, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<RunJob> DescribeAsync(string arn, CancellationToken cancellationToken)
    {
        if (await book.DescribeAsync(arn, cancellationToken) is { } job)
            return RunJob.Of(job, pricing, time.GetUtcNow());
        // Not described: it is still cancelled, named by its ARN.
        return new RunJob(arn, HybridJobArn.TryParse(arn, out var jobArn) ? jobArn.Name : arn, null, 1, 0m, null);
    }

    private async Task<(CancelResult Result, string Detail)> CancelOneAsync(string arn, CancellationToken cancellationToken)
    {
        if (!HybridJobArn.TryParse(arn, out var jobArn))
            return (CancelResult.Failed, "not a hybrid job ARN");
        for (var attempt = 0; ; attempt++)
        {
            var result = await braket.CancelJobAsync(jobArn, cancellationToken);
            if (result.IsSuccess)
            {
                LogCancelled(arn, result.Value);
                return (CancelResult.Cancelled, result.Value == CancellationStatus.Cancelled ? "cancelled" : "cancelling");
            }
            var error = result.Error!;
            switch (error.Kind)
            {
                case BraketErrorKind.Conflict:
                    return (CancelResult.NotCancellable, "it has ended or is being cancelled");
                case BraketErrorKind.NotFound:
                    return (CancelResult.NotFound, "Braket does not know this job");
                case BraketErrorKind.Throttled or BraketErrorKind.Unavailable when attempt < Backoff.Length:
                    await Task.Delay(Backoff[attempt], time, cancellationToken);
                    continue;
                default:
                    return (CancelResult.Failed, error.Describe());
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cancelled hybrid job {Job} ({Status})")]
    private partial void LogCancelled(string job, CancellationStatus status);
}
