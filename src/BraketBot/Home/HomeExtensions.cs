namespace BraketBot.Home;

public static class HomeExtensions
{
    /// <summary>The Home tab: drawn from the ledger when a user opens it, and again for open tabs when a run alerts or ends.</summary>
    public static IServiceCollection AddHome(this IServiceCollection services)
    {
        services.AddSingleton<HomeRunLog>();
        services.AddSingleton<HomeViewers>();
        services.AddSingleton<HomeTabTurns>();
        services.AddTransient<HomeReader>();
        services.AddTransient<HomeTab>();
        services.AddSingleton<HomePublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<HomePublisher>());
        services.AddSingleton<HomeRefresher>();
        services.AddSingleton<IHomeNotifier>(sp => sp.GetRequiredService<HomeRefresher>());
        services.AddHostedService(sp => sp.GetRequiredService<HomeRefresher>());
        services.AddTransient<RefreshHomeAction>();
        return services;
    }
}
