namespace BraketBot.Interactions;

public static class InteractionsExtensions
{
    /// <summary>Slash commands and button clicks: admitted, queued, dispatched to their handler, answered.</summary>
    public static IServiceCollection AddInteractions(this IServiceCollection services)
    {
        services.AddTransient<CommandDispatcher>();
        services.AddTransient<CommandRunner>();
        services.AddTransient<CommandIntake>();
        services.AddSingleton<CommandQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<CommandQueue>());
        return services;
    }
}
