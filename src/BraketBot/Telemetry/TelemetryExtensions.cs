using BraketBot.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace BraketBot.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>
    /// OpenTelemetry: the BraketBot meter plus ASP.NET Core and HttpClient instruments, scraped by
    /// Prometheus; traces of requests and outgoing Braket and Slack calls, exported over OTLP only
    /// when OTEL_EXPORTER_OTLP_ENDPOINT is set.
    /// </summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<MetricsOptions, MetricsOptionsValidator>(configuration, MetricsOptions.Section);
        services.AddSingleton<BraketBotMetrics>();
        var telemetry = services
            .AddOpenTelemetry()
            .WithMetrics(metrics =>
                metrics
                    .AddMeter(BraketBotMetrics.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0)
            ); // each scrape sees the latest numbers
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            telemetry.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddOtlpExporter());
        return services;
    }

    /// <summary>GET /metrics (Metrics:Path), on the main port or, with Metrics:Port, only on a port of its own.</summary>
    public static WebApplication MapTelemetry(this WebApplication app)
    {
        var options = app.Configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        var endpoint = app.MapPrometheusScrapingEndpoint(options.Path).ExcludeFromDescription();
        if (options.Port is { } port)
        {
            // Listen on the metrics port as well as wherever the host was told to listen.
            foreach (var url in ConfiguredUrls(app.Configuration))
                app.Urls.Add(url);
            app.Urls.Add($"http://*:{port}");
            endpoint.RequireHost($"*:{port}");
        }
        return app;
    }

    private static IEnumerable<string> ConfiguredUrls(IConfiguration configuration)
    {
        if (configuration["urls"] is { Length: > 0 } urls)
            return urls.Split(';', StringSplitOptions.RemoveEmptyEntries);
        if (configuration["http_ports"] is { Length: > 0 } ports)
            return ports.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => $"http://*:{p}");
        return ["http://localhost:5000"];
    }
}
