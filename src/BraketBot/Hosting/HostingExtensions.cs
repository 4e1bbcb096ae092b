using Microsoft.Extensions.Options;

namespace BraketBot.Hosting;

public static class HostingExtensions
{
    /// <summary>JSON lines in production (for log shippers), readable lines while developing.</summary>
    public static WebApplicationBuilder AddLogs(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        if (builder.Environment.IsDevelopment())
            builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        else
            builder.Logging.AddJsonConsole(o => o.UseUtcTimestamp = true);
        return builder;
    }

    public static IServiceCollection AddHosting(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddOpenApi();
        services.AddProblemDetails();
        services.AddHealthChecks().AddCheck<ConfigurationHealthCheck>(Readiness.ConfigurationCheck, tags: [Readiness.Tag]);
        services.AddHostedService<MissingSettingsReporter>();
        return services;
    }

    public static WebApplication MapHosting(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.MapOpenApi().ExcludeFromDescription();
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "alive" }))
            .WithSummary("Liveness: the process is up and serving HTTP.")
            .WithTags("Health");
        app.MapGet("/readyz", Readiness.CheckAsync)
            .WithSummary("Readiness: job storage reachable and configuration complete; 503 lists what is missing.")
            .WithTags("Health");
        return app;
    }

    /// <summary>
    /// Runs the host; a configuration value that fails validation ends the start with one line
    /// naming the key instead of a stack trace.
    /// </summary>
    public static async Task<int> RunBotAsync(this WebApplication app)
    {
        try
        {
            // Validate before starting, so that a bad value is reported here once, not by the host with a stack trace.
            app.Services.GetService<IStartupValidator>()?.Validate();
            foreach (var check in app.Services.GetServices<IStartupCheck>()) await check.CheckAsync();
            await app.RunAsync();
            return 0;
        }
        catch (OptionsValidationException e)
        {
            foreach (var failure in e.Failures)
                Console.Error.WriteLine($"BraketBot cannot start: {failure}");
            return 1;
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            // The configuration binder's own message names the key and the value (an unknown enum name, say).
            Console.Error.WriteLine($"BraketBot cannot start: {e.Message}");
            return 1;
        }
    }
}
