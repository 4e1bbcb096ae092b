namespace BraketBot.Hosting;

public static class HostingExtensions
{
    /// <summary>JSON lines in production (for log shippers), readable lines while developing.</summary>
    public static WebApplicationBuilder AddLogs(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        if (builder.Environment.IsDevelopment())
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        else
            builder.Logging.AddJsonConsole(o => o.UseUtcTimestamp = true);
        return builder;
    }

    /// <summary>
    /// Starts preparing the breach path's async plumbing (<see cref="HotPathPreparation"/>) at once, on a thread of its own while
    /// the host is built, so that a new process's first breach waits for little of it; its report is logged once it is done.
    /// </summary>
    public static WebApplicationBuilder PrepareHotPath(this WebApplicationBuilder builder)
    {
        var preparing = Task.Factory.StartNew(
            () => HotPathPreparation.Prepare(typeof(HotPathAttribute).Assembly),
            CancellationToken.None,
            TaskCreationOptions.LongRunning, // thousands of methods compiled: not a pool thread's work, the pool being at its smallest
            TaskScheduler.Default
        );
        builder.Services.AddHostedService(services => new HotPathWarmUp(preparing, services.GetRequiredService<ILogger<HotPathWarmUp>>()));
        return builder;
    }

    public static IServiceCollection AddHosting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddOpenApi();
        services.AddProblemDetails();
        services.AddHealthChecks().AddCheck<ConfigurationHealthCheck>(Readiness.ConfigurationCheck, tags: [Readiness.Tag]);
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.Section));
        services.AddSingleton<OperatorAccess>();
        services.AddSingleton<ReadinessLog>();
        // The health check service logs each unhealthy check at every probe; ReadinessLog says it once, when it changes.
        services.AddLogging(logging =>
            logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogLevel.None)
        );
        services.AddHostedService<MissingSettingsReporter>();
        return services;
    }

    public static WebApplication MapHosting(this WebApplication app)
    {
        app.UseExceptionHandler();
        MapOpenApiForOperators(app);
        app.MapGet("/healthz", () => TypedResults.Ok(new HealthState("alive")))
            .WithSummary("Liveness: the process is up and serving HTTP.")
            .WithTags("Health");
        app.MapGet("/readyz", Readiness.CheckAsync)
            .WithSummary(
                "Readiness: job storage reachable and configuration complete; 200 ready or 503 unready, with each check's word "
                    + "only for operators (the metrics port, loopback, or Health:DetailsToken)."
            )
            .WithTags("Health");
        return app;
    }

    /// <summary>The OpenAPI document describes the routes to whoever builds against them: in Development, or on the metrics port.</summary>
    private static void MapOpenApiForOperators(WebApplication app)
    {
        var port = app.Configuration.GetValue<int?>(OperatorAccess.MetricsPortKey);
        if (app.Environment.IsDevelopment())
            app.MapOpenApi().ExcludeFromDescription();
        else if (port is { } operatorPort)
            app.MapOpenApi().ExcludeFromDescription().RequireHost($"*:{operatorPort}");
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
            if (failures.Count == 0)
                failures = await StartupValidation.CheckFailuresAsync(app.Services);
            if (failures.Count > 0)
                return CannotStart(failures);
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
