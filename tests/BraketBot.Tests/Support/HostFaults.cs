using BraketBot.Charts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;

namespace BraketBot.Tests.Support;

/// <summary>
/// What a test on the <see cref="FaultsHost"/> can make go wrong inside the host, beside the fakes' own faults, and what it
/// reads there: a renderer that cannot load, the host's log, and the breakers its outages open. <see cref="ClearAsync"/>
/// puts all back as a new host has them.
/// </summary>
public sealed class HostFaults
{
    private readonly CircuitBreakerManualControl breakers = new();

    /// <summary>The chart renderer cannot be made, as when SkiaSharp's native library does not load.</summary>
    public bool RendererUnloadable { get; set; }

    public CapturedLog Log { get; } = new();

    /// <summary>The host's services with the switches in: added after the host's own.</summary>
    public void Install(IServiceCollection services)
    {
        services.AddSingleton<ILoggerProvider>(Log);
        services.AddSingleton<ScottPlotChartRenderer>();
        // Resolved at each chart (through Lazy, inside the chart's failure handling), so the switch applies at once.
        services.AddTransient<IChartRenderer>(sp =>
            RendererUnloadable ? throw Unloadable() : sp.GetRequiredService<ScottPlotChartRenderer>()
        );
        services.ConfigureAll<HttpStandardResilienceOptions>(o => o.CircuitBreaker.ManualControl = breakers);
    }

    /// <summary>Switches off, and every breaker closed with its failures forgotten (a test's outage is not the next one's).</summary>
    public async Task ClearAsync()
    {
        RendererUnloadable = false;
        await breakers.CloseAsync();
    }

    /// <summary>What the renderer's type throws when SkiaSharp's native library is missing, each time it is asked for.</summary>
    private static TypeInitializationException Unloadable() =>
        new("SkiaSharp.SKTypeface", new DllNotFoundException("Unable to load shared library 'libSkiaSharp'"));
}
