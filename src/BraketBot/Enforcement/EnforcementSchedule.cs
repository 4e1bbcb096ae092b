using BraketBot.Jobs;
using Hangfire;
using Microsoft.Extensions.Options;

namespace BraketBot.Enforcement;

/// <summary>
/// The recurring jobs of enforcement (their crons were validated with the options): the reconcile, and the nightly
/// rescan.
/// </summary>
public sealed class EnforcementSchedule(IOptions<CapsOptions> caps) : IRecurringJobs
{
    public void Register(IRecurringJobManager recurring)
    {
        var options = new RecurringJobOptions { TimeZone = caps.Value.Zone };
        recurring.AddOrUpdate<ReconcileJob>(
            ReconcileJob.Id,
            job => job.RunAsync(new ReconcileArgs(), CancellationToken.None),
            caps.Value.ReconcileCron,
            options
        );
        recurring.AddOrUpdate<LedgerRescanJob>(
            LedgerRescanJob.Id,
            job => job.RunAsync(new LedgerRescanArgs(), CancellationToken.None),
            caps.Value.RescanCron,
            options
        );
    }
}
