using BraketBot.Hosting;
using BraketBot.Ports;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace BraketBot.Storage;

public static class StorageExtensions
{
    /// <summary>
    /// The bot's state and Hangfire's jobs, in one place: in memory (one instance; lost with it), or in
    /// PostgreSQL (several instances; survives them, and their Braket quotas are paced together there). The provider
    /// is read here and nowhere else.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<StorageOptions, StorageOptionsValidator>(configuration, StorageOptions.Section);
        services.AddHostedService<StorageWarmUp>();
        if (StorageOptions.ProviderIn(configuration) == StorageProvider.PostgreSql)
        {
            services.AddSingleton(sp => new PostgresDatabase(
                configuration.GetConnectionString(StorageOptions.ConnectionStringName),
                sp.GetRequiredService<ILogger<PostgresDatabase>>()
            ));
            services.AddSingleton<IStartupCheck>(sp => sp.GetRequiredService<PostgresDatabase>());
            services.AddSingleton<PostgresCommands>();
            services.AddStores<PostgresClaimStore, PostgresGuardStore, PostgresKeyValueStore, PostgresRunStore, PostgresLedgerStore>();
            services.AddSingleton<IExpiringEntries, PostgresExpiringEntries>();
            services.AddSingleton<IQuotaBuckets, PostgresQuotaBuckets>();
            services.AddSingleton<JobStorage>(sp =>
                PostgreSqlJobStorage(sp.GetRequiredService<PostgresDatabase>(), sp.GetRequiredService<IOptions<StorageOptions>>().Value)
            );
            services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres", tags: [Readiness.Tag, Readiness.StorageTag]);
            // The instances share one Data Protection key ring, or a cookie one issued would be refused by the other.
            services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
                o.XmlRepository = new PostgresXmlRepository(sp.GetRequiredService<PostgresDatabase>())
            ));
        }
        else
        {
            services.AddSingleton<InMemoryClaims>();
            services.AddStores<InMemoryClaimStore, InMemoryGuardStore, InMemoryKeyValueStore, InMemoryRunStore, InMemoryLedgerStore>();
            services.AddSingleton<IExpiringEntries, InMemoryExpiringEntries>();
            services.AddSingleton<JobStorage>(_ => new InMemoryStorage());
            services.AddHostedService<InMemoryWarning>();
        }
        return services;
    }

    /// <summary>One store of each role, all of one provider.</summary>
    private static void AddStores<TClaims, TGuards, TValues, TRuns, TLedger>(this IServiceCollection services)
        where TClaims : class, IClaimStore
        where TGuards : class, IGuardStore
        where TValues : class, IKeyValueStore
        where TRuns : class, IRunStore
        where TLedger : class, ILedgerStore
    {
        services.AddSingleton<IClaimStore, TClaims>();
        services.AddSingleton<IGuardStore, TGuards>();
        services.AddSingleton<IKeyValueStore, TValues>();
        services.AddSingleton<IRunStore, TRuns>();
        services.AddSingleton<ILedgerStore, TLedger>();
    }

    /// <summary>
    /// Hangfire on PostgreSQL. The invisibility timeout is short and sliding: a job whose host died
    /// is picked up by another host within about a minute (the default, 30 minutes, would let an
    /// evaluation wait that long), while a long job that is alive keeps its claim.
    /// </summary>
    private static PostgreSqlStorage PostgreSqlJobStorage(PostgresDatabase database, StorageOptions storage)
    {
        database.EnsureReady(); // a clear start-up error naming the key, before Hangfire tries to connect
        var options = new PostgreSqlStorageOptions
        {
            InvisibilityTimeout = storage.JobInvisibilityTimeout,
            UseSlidingInvisibilityTimeout = true,
            QueuePollInterval = TimeSpan.FromSeconds(1),
            EnableLongPolling = true,
            PrepareSchemaIfNecessary = true,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, options), options);
    }
}
