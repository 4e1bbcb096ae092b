using BraketBot.Jobs;

namespace BraketBot.Limits;

public static class LimitsExtensions
{
    /// <summary>Braket's own spending limits: listing them, and keeping the ones BraketBot renews or mirrors.</summary>
    public static IServiceCollection AddLimits(this IServiceCollection services)
    {
        services.AddSingleton<SpendingLimitsSnapshot>();
        services.AddTransient<BraketSpendingLimits>();
        services.AddTransient<LimitSyncJob>();
        services.AddHostedService<LimitSyncTriggers>();
        services.AddSingleton<IRecurringJobs, LimitRenewalSchedule>();
        services.AddTransient<LimitsCommand>();
        services.AddTransient<LimitTargets>();
        services.AddTransient<LimitEditor>();
        services.AddTransient<SetLimitCommand>();
        services.AddTransient<ClearLimitCommand>();
        return services;
    }
}
