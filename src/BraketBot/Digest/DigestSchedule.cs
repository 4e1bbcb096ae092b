using BraketBot.Jobs;
using Hangfire;
using Microsoft.Extensions.Options;

namespace BraketBot.Digest;

/// <summary>The daily digest's recurring job when Caps:DigestCron is set; removed when it is not, so that unsetting it stops it.</summary>
public sealed class DigestSchedule(IOptions<CapsOptions> caps) : IRecurringJobs
{
    public void Register(IRecurringJobManager recurring)
    {
        if (caps.Value.DigestCron is { } digest)
            recurring.AddOrUpdate<DigestJob>(
                DigestJob.Id,
                job => job.RunAsync(new DigestArgs(), CancellationToken.None),
                digest,
                new RecurringJobOptions { TimeZone = caps.Value.Zone }
            );
        else
            recurring.RemoveIfExists(DigestJob.Id);
    }
}
