namespace BraketBot.Info;

public static class InfoExtensions
{
    /// <summary>`/braket info` (a day, a month, a budget's day) and its Refresh button.</summary>
    public static IServiceCollection AddInfo(this IServiceCollection services)
    {
        services.AddTransient<InfoReportBuilder>();
        services.AddTransient<InfoCommand>();
        services.AddTransient<InfoMonthCommand>();
        services.AddTransient<InfoBudgetCommand>();
        services.AddTransient<RefreshReportAction>();
        return services;
    }
}
