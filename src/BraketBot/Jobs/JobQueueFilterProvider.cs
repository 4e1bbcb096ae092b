using Hangfire.Common;
using Hangfire.States;

namespace BraketBot.Jobs;

/// <summary>
/// Hangfire's filters plus one of this host's: every job it enqueues (new, retried, or triggered by a
/// schedule) goes to <see cref="JobQueues.Current"/>. Given to Hangfire through the container, not its
/// global filters, so that hosts sharing a process (tests, benchmarks) each keep their own.
/// </summary>
public sealed class JobQueueFilterProvider : IJobFilterProvider
{
    private static readonly JobFilter CurrentQueue = new(new CurrentQueueFilter(), JobFilterScope.Global, null);

    private readonly IJobFilterProvider hangfire = JobFilterProviders.Providers;

    public IEnumerable<JobFilter> GetFilters(Job job) => hangfire.GetFilters(job).Append(CurrentQueue);

    private sealed class CurrentQueueFilter : IElectStateFilter
    {
        public void OnStateElection(ElectStateContext context)
        {
            if (context.CandidateState is EnqueuedState enqueued)
                enqueued.Queue = JobQueues.Current;
        }
    }
}
