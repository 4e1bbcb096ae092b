using BraketBot.Hosting;
using Microsoft.Extensions.Options;

namespace BraketBot.Usage;

public static class UsageExtensions
{
    public static IServiceCollection AddUsage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<WatchOptions, WatchOptionsValidator>(configuration, WatchOptions.Section);
        services.AddValidatedOptions<PricingOptions, PricingOptionsValidator>(configuration, PricingOptions.Section);
        services.AddSingleton(sp => new Pricing(sp.GetRequiredService<IOptions<PricingOptions>>().Value));
        services.AddSingleton<DeviceCatalogCache>();
        services.AddTransient<DeviceCatalog>();
        services.AddTransient<TaskCanceller>();
        services.AddTransient<DayScanner>();
        services.AddTransient<UsageLedger>();
        services.AddTransient<RegionFailureLog>();
        services.AddValidatedOptions<ChartsOptions, ChartsOptionsValidator>(configuration, ChartsOptions.Section);
        services.AddSingleton<ChartSlots>();
        services.AddTransient<ChartPublisher>();
        return services;
    }
}
