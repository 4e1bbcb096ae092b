namespace BraketBot.Storage;

public sealed record StorageOptions
{
    public const string Section = "Storage";

    public StorageProvider Provider { get; init; } = StorageProvider.InMemory;

    /// <summary>
    /// PostgreSQL only: how long a job fetched by an instance that died stays invisible before another
    /// instance takes it. Sliding, so a long job that is alive keeps its claim.
    /// </summary>
    public TimeSpan JobInvisibilityTimeout { get; init; } = TimeSpan.FromMinutes(1);

    public const string ConnectionStringName = "Postgres";

    /// <summary>
    /// The provider, read before the host is built (storage decides what is registered). A value
    /// that is not a provider falls back to InMemory here and fails validation at start.
    /// </summary>
    public static StorageProvider ProviderIn(IConfiguration configuration) =>
        Enum.TryParse<StorageProvider>(configuration[Section + ":Provider"], ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : StorageProvider.InMemory;
}
