using BraketBot.Jobs;

namespace BraketBot.Digest;

public static class DigestExtensions
{
    /// <summary>The daily digest: yesterday's usage, caps, alerts and cancels in the alert channel.</summary>
    public static IServiceCollection AddDigest(this IServiceCollection services)
    {
        services.AddTransient<DigestJob>();
        services.AddSingleton<IRecurringJobs, DigestSchedule>();
        return services;
    }
}
