using BraketBot.Hosting;
using BraketBot.Ports;

namespace BraketBot.Charts;

public static class ChartsExtensions
{
    public static IServiceCollection AddCharts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IChartRenderer, ScottPlotChartRenderer>();
        // Resolved at the first chart, inside its failure handling: a renderer that cannot load
        // (SkiaSharp's native library missing) costs the charts, never the services that carry them.
        services.AddTransient(sp => new Lazy<IChartRenderer>(sp.GetRequiredService<IChartRenderer>));
        services.AddValidatedOptions<ChartsOptions, ChartsOptionsValidator>(configuration, ChartsOptions.Section);
        services.AddSingleton<ChartSlots>();
        services.AddTransient<ChartPublisher>();
        services.AddTransient<ChartCommand>();
        return services;
    }
}
