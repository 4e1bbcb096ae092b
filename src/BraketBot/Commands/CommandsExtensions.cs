using BraketBot.Hosting;

namespace BraketBot.Commands;

public static class CommandsExtensions
{
    public static IServiceCollection AddCommands(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AccessOptions, AccessOptionsValidator>(configuration, AccessOptions.Section);
        services.AddHostedService<AdminsWarning>();
        services.AddTransient<InfoReportBuilder>();
        services.AddTransient<InfoCommand>();
        services.AddTransient<InfoMonthCommand>();
        services.AddTransient<ChartCommand>();
        services.AddTransient<CancelCommand>();
        services.AddTransient<CapsCommand>();
        services.AddTransient<BudgetsCommand>();
        services.AddTransient<InfoBudgetCommand>();
        services.AddTransient<LimitsCommand>();
        services.AddTransient<LimitTargets>();
        services.AddTransient<SetLimitCommand>();
        services.AddTransient<ClearLimitCommand>();
        services.AddTransient<QueuedCancellation>();
        services.AddTransient<CancelAllQueuedAction>();
        services.AddTransient<CancelRestAction>();
        services.AddTransient<RefreshReportAction>();
        services.AddTransient<RefreshHomeAction>();
        services.AddTransient<CommandDispatcher>();
        services.AddTransient<CommandRunner>();
        services.AddTransient<CommandIntake>();
        services.AddSingleton<CommandQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<CommandQueue>());
        return services;
    }
}
