using BraketBot.Hosting;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.DataProtection;

namespace BraketBot.Jobs;

public static class JobsExtensions
{
    /// <summary>The Hangfire server, on the JobStorage that Storage registers.</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(
            configuration.GetSection(JobsDashboardOptions.Section).Get<JobsDashboardOptions>() ?? new JobsDashboardOptions()
        );
        // ASP.NET Core's antiforgery, which the dashboard checks on every change it is asked to make: a page of
        // another site cannot make a signed-in operator's browser delete a job. Its cookie never leaves this site.
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "braketbot-antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.HeaderName = AntiforgeryHeader;
        });
        services.AddDashboardSession();
        // One name for every instance and release: the Data Protection keys (shared on PostgreSQL, see Storage) then read
        // each other's cookies; by default the name is the content root, which differs between hosts.
        services.AddDataProtection().SetApplicationName("BraketBot");

        // The activator is this host's own, not Hangfire's static default, so that several hosts can
        // share a process (tests, benchmarks) without running each other's jobs.
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<IJobFilterProvider, JobQueueFilterProvider>();
        services.AddHangfire(
            (sp, config) =>
                config
                    .UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>()))
                    .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                    .UseSimpleAssemblyNameTypeSerializer()
                    .UseTypeResolver(MovedJobTypes.Resolve)
                    .UseRecommendedSerializerSettings()
        );
        services.AddHangfireServer(options =>
        {
            options.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            options.Queues = JobQueues.Served;
        });
        services.AddHealthChecks().AddCheck<JobStorageHealthCheck>("job-storage", tags: [Readiness.Tag, Readiness.StorageTag]);
        services.AddHostedService<JobMetrics>();
        services.AddHostedService<RecurringJobsKeeper>();
        return services;
    }

    /// <summary>The header the dashboard's pages send their antiforgery token in.</summary>
    public const string AntiforgeryHeader = "X-BraketBot-Antiforgery";

    /// <summary>
    /// The Hangfire dashboard, only when its credentials are set, behind its sign-in (<see cref="DashboardSession"/>);
    /// read-only unless Hangfire:Dashboard:ReadWrite and for scripts reading with Basic credentials, and every change
    /// it makes checked against forgery.
    /// </summary>
    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<JobsDashboardOptions>();
        if (!options.Enabled)
            return app;
        DashboardSignIn.Map(app);
        app.MapHangfireDashboard(
                DashboardSession.Path,
                new DashboardOptions
                {
                    // The endpoint's policy below decides who gets in; Hangfire's default filter would let local requests only.
                    Authorization = [],
                    DisplayStorageConnectionString = false,
                    IsReadOnlyFunc = context => !options.ReadWrite || ReadsOnly(context.GetHttpContext()),
                }
            )
            .RequireAuthorization(DashboardSession.Policy)
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>A script reading with Basic credentials is shown no buttons: it could not use them (changes need the session).</summary>
    private static bool ReadsOnly(HttpContext http) => http.User.Identity?.AuthenticationType == DashboardSession.BasicScheme;
}
