namespace BraketBot.Budgets;

public static class BudgetsExtensions
{
    /// <summary>`/braket budgets`: each team's budget against its caps.</summary>
    public static IServiceCollection AddBudgets(this IServiceCollection services)
    {
        services.AddTransient<BudgetsCommand>();
        return services;
    }
}
