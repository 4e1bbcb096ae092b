using Hangfire;

namespace BraketBot.Jobs;

/// <summary>A feature's recurring jobs, registered by <see cref="RecurringJobsKeeper"/> at start and kept so.</summary>
public interface IRecurringJobs
{
    /// <summary>Adds or updates (or removes, when switched off) the feature's recurring jobs; run again, it changes nothing.</summary>
    void Register(IRecurringJobManager recurring);
}
