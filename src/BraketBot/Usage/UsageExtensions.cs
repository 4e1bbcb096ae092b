using BraketBot.Hosting;

namespace BraketBot.Usage;

public static class UsageExtensions
{
    public static IServiceCollection AddUsage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<WatchOptions, WatchOptionsValidator>(configuration, WatchOptions.Section);
        services.AddValidatedOptions<PricingOptions, PricingOptionsValidator>(configuration, PricingOptions.Section);
        services.AddSingleton<CurrentPrices>();
        // Short-lived like its users: each takes the book in force when it is made.
        services.AddTransient(sp => sp.GetRequiredService<CurrentPrices>().Book);
        services.AddSingleton<DeviceCatalogCache>();
        services.AddTransient<DeviceCatalog>();
        services.AddTransient<DayScanner>();
        services.AddTransient<UsageLedger>();
        services.AddTransient<TaskOrigins>();
        services.AddTransient<DayJobs>();
        services.AddTransient<JobBook>();
        services.AddTransient<RegionFailureLog>();
        return services;
    }
}
