using BraketBot.Hosting;
using BraketBot.Jobs;

namespace BraketBot.Caps;

public static class CapsExtensions
{
    public static IServiceCollection AddCaps(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<CapsOptions, CapsOptionsValidator>(configuration, CapsOptions.Section);
        services.AddTransient<CapEnforcer>();
        services.AddTransient<CapEvaluator>();
        services.AddTransient<CapEvaluationJob>();
        services.AddTransient<AlertDispatcher>();
        return services;
    }
}
