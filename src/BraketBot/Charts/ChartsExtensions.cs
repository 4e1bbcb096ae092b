using BraketBot.Ports;

namespace BraketBot.Charts;

public static class ChartsExtensions
{
    public static IServiceCollection AddCharts(this IServiceCollection services)
    {
        services.AddSingleton<IChartRenderer, ScottPlotChartRenderer>();
        return services;
    }
}
