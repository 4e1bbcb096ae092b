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
            var failures = StartupValidation.ConfigurationFailures(app.Services);
            if (failures.Count == 0) failures = await StartupValidation.CheckFailuresAsync(app.Services);
            if (failures.Count > 0) return CannotStart(failures);
            await app.RunAsync();
            return 0;
        }
        catch (Exception e) when (StartupValidation.Failures(e) is { } failures)
        {
            return CannotStart(failures);
        }
    }

    private static int CannotStart(IReadOnlyList<string> failures)
    {
        foreach (var failure in failures)
            Console.Error.WriteLine($"BraketBot cannot start: {failure}");
        return 1;
    }
}
