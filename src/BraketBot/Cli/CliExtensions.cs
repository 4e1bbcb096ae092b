namespace BraketBot.Cli;

public static class CliExtensions
{
    /// <summary>What only the terminal's commands use; the server never resolves these.</summary>
    public static IServiceCollection AddCli(this IServiceCollection services, Terminal terminal)
    {
        services.AddSingleton(terminal);
        services.AddTransient<Doctor>();
        services.AddTransient<AwsChecks>();
        services.AddTransient<SlackChecks>();
        services.AddTransient<ChartCheck>();
        services.AddTransient<PriceCheck>();
        return services;
    }
}
