using BraketBot.Hosting;

namespace BraketBot.Storage;

public static class StorageExtensions
{
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<StorageOptions, StorageOptionsValidator>(configuration, StorageOptions.Section);
        if (StorageOptions.ProviderIn(configuration) == StorageProvider.PostgreSql)
            services.AddPostgresStore(configuration);
        else
            services.AddSingleton<IBotStore, InMemoryBotStore>();
        return services;
    }
}

public static class PostgresStorageExtensions
{
    public static IServiceCollection AddPostgresStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => new PostgresDatabase(
            configuration.GetConnectionString(StorageOptions.ConnectionStringName), sp.GetRequiredService<ILogger<PostgresDatabase>>()));
        services.AddSingleton<IStartupCheck>(sp => sp.GetRequiredService<PostgresDatabase>());
        services.AddSingleton<IBotStore, PostgresBotStore>();
        services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres", tags: [Readiness.Tag]);
        return services;
    }
}
