using BraketBot.Hosting;
using BraketBot.Jobs;
using Microsoft.Extensions.Options;

namespace BraketBot.Enforcement;

public static class EnforcementExtensions
{
    public static IServiceCollection AddEnforcement(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<CapsOptions, CapsOptionsValidator>(configuration, CapsOptions.Section);
        // Budgets are a section of their own (Budgets:{name}:…), read into the caps they are part of.
        services.AddOptions<CapsOptions>().Configure(caps => BindBudgets(configuration, caps.Budgets));
        services.AddSingleton<IOptionsChangeTokenSource<CapsOptions>>(
            new ConfigurationChangeTokenSource<CapsOptions>(configuration.GetSection(CapsOptions.BudgetsSection))
        );
        services.AddOptions<AlertOptions>().Bind(configuration.GetSection(AlertOptions.Section));
        services.AddValidatedOptions<RunOptions, RunOptionsValidator>(configuration, RunOptions.Section);
        services.AddTransient<EventIntake>();
        services.AddTransient<CapEvaluator>();
        services.AddTransient<CapEvaluationJob>();
        services.AddTransient<CapEnforcer>();
        services.AddTransient<ReconcileJob>();
        services.AddTransient<RunLauncher>();
        services.AddTransient<RunExecutor>();
        services.AddSingleton<RunShutdown>();
        services.AddTransient<JobCancellation>();
        services.AddTransient<RunMessages>();
        services.AddSingleton<RunWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<RunWorker>());
        services.AddTransient<LedgerRescanJob>();
        services.AddSingleton<IRecurringJobs, EnforcementSchedule>();
        services.AddHostedService<EnforcementWarmUp>();
        services.AddTransient<TaskCanceller>();
        return services;
    }

    /// <summary>
    /// Binds the budgets, each named as first configured: configuration merges a name's spellings (appsettings' <c>alpha</c>,
    /// an environment's <c>ALPHA</c>) into one budget but hands a later provider's spelling first, and the name is what people
    /// read in messages and metrics.
    /// </summary>
    private static void BindBudgets(IConfiguration configuration, Dictionary<string, BudgetCaps> budgets)
    {
        configuration.GetSection(CapsOptions.BudgetsSection).Bind(budgets);
        if (configuration is not IConfigurationRoot root)
            return;
        var spellings = root.Providers.SelectMany(p => p.GetChildKeys([], CapsOptions.BudgetsSection)).ToList();
        foreach (var (name, budget) in budgets.ToList())
        {
            var first = spellings.Find(s => string.Equals(s, name, StringComparison.OrdinalIgnoreCase));
            if (first is null || first == name)
                continue;
            budgets.Remove(name);
            budgets[first] = budget;
        }
    }
}
