using BraketBot.Ports;

namespace BraketBot.Charts;

public static class ChartsExtensions
{
    public static IServiceCollection AddCharts(this IServiceCollection services)
    {
        services.AddSingleton<IChartRenderer, ScottPlotChartRenderer>();
        // Resolved at the first chart, inside its failure handling: a renderer that cannot load
        // (SkiaSharp's native library missing) costs the charts, never the services that carry them.
        services.AddTransient(sp => new Lazy<IChartRenderer>(sp.GetRequiredService<IChartRenderer>));
        return services;
    }
}
