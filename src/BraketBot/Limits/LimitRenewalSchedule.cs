using BraketBot.Jobs;
using Hangfire;

namespace BraketBot.Limits;

/// <summary>The recurring renewal tick of Braket's spending limits.</summary>
public sealed class LimitRenewalSchedule : IRecurringJobs
{
    public void Register(IRecurringJobManager recurring) =>
        recurring.AddOrUpdate<LimitSyncJob>(
            LimitSyncJob.Id,
            job => job.RenewIfDueAsync(new LimitRenewalArgs(), CancellationToken.None),
            LimitSyncJob.Cron
        );
}
