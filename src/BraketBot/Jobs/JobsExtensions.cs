using BraketBot.Caps;
using BraketBot.Hosting;
using BraketBot.Storage;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.Options;

namespace BraketBot.Jobs;

public static class JobsExtensions
{
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection(JobsDashboardOptions.Section).Get<JobsDashboardOptions>() ?? new JobsDashboardOptions());

        // Storage and activator are this host's own, not Hangfire's static defaults, so that several
        // hosts can share a process (tests, benchmarks) without running each other's jobs.
        services.AddSingleton<JobStorage>(sp => StorageOptions.ProviderIn(configuration) == StorageProvider.PostgreSql
            ? PostgreSqlJobStorage(sp.GetRequiredService<PostgresDatabase>(), sp.GetRequiredService<IOptions<StorageOptions>>().Value)
            : new InMemoryStorage());
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, config) => config
            .UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        services.AddHangfireServer(options =>
        {
            options.Queues = JobQueues.InOrder;
            options.SchedulePollingInterval = TimeSpan.FromSeconds(1);
        });
        services.AddHealthChecks().AddCheck<JobStorageHealthCheck>("job-storage", tags: [Readiness.Tag]);
        services.AddHostedService<RecurringJobsRegistration>();
        services.AddTransient<ReconcileJob>();
        services.AddTransient<AlertDeliveryJob>();
        return services;
    }

    /// <summary>
    /// Hangfire on PostgreSQL. The invisibility timeout is short and sliding: a job whose host died
    /// is picked up by another host within about a minute (the default, 30 minutes, would let an
    /// alert wait that long), while a long job that is alive keeps its claim.
    /// </summary>
    private static PostgreSqlStorage PostgreSqlJobStorage(PostgresDatabase database, StorageOptions storage)
    {
        database.EnsureReady(); // a clear start-up error naming the key, before Hangfire tries to connect
        var connectionString = database.ConnectionString;
        var options = new PostgreSqlStorageOptions
        {
            InvisibilityTimeout = storage.JobInvisibilityTimeout,
            UseSlidingInvisibilityTimeout = true,
            QueuePollInterval = TimeSpan.FromSeconds(1),
            EnableLongPolling = true,
            PrepareSchemaIfNecessary = true,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }

    /// <summary>The Hangfire dashboard, only behind basic authentication, and only when its credentials are set.</summary>
    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<JobsDashboardOptions>();
        if (options.Enabled)
            app.MapHangfireDashboard("/hangfire", new DashboardOptions
            {
                Authorization = [new DashboardAuthorization(options)],
                DisplayStorageConnectionString = false,
            }).ExcludeFromDescription();
        return app;
    }
}

/// <summary>Registers the recurring reconcile at start (its cron was validated with the options).</summary>
public sealed class RecurringJobsRegistration(IRecurringJobManager recurring, IOptions<CapsOptions> caps) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<ReconcileJob>(
            ReconcileJob.Id, job => job.RunAsync(CancellationToken.None), caps.Value.ReconcileCron,
            new RecurringJobOptions { TimeZone = caps.Value.Zone });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
