using BraketBot.Jobs;
using Hangfire;
using Microsoft.Extensions.Options;

namespace BraketBot.Enforcement;

/// <summary>
/// The recurring jobs of enforcement (their crons were validated with the options): the reconcile, the nightly
/// rescan, and the daily digest when Caps:DigestCron is set (removed when it is not, so that unsetting it stops it).
/// </summary>
public sealed class RecurringJobsRegistration(IOptions<CapsOptions> caps) : IRecurringJobs
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
        if (caps.Value.DigestCron is { } digest)
            recurring.AddOrUpdate<DigestJob>(DigestJob.Id, job => job.RunAsync(new DigestArgs(), CancellationToken.None), digest, options);
        else
            recurring.RemoveIfExists(DigestJob.Id);
    }
}
