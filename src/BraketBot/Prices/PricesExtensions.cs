namespace BraketBot.Prices;

public static class PricesExtensions
{
    /// <summary>The AWS price list: read at start and daily, shared through the store (the price book itself is <c>AddUsage</c>'s).</summary>
    public static IServiceCollection AddPrices(this IServiceCollection services)
    {
        services.AddHttpClient<PriceListClient>().AddStandardResilienceHandler();
        services.AddTransient<PriceListStore>();
        services.AddTransient<PriceRefresher>();
        services.AddTransient<PriceRefreshJob>();
        services.AddHostedService<PriceSync>();
        return services;
    }

    /// <summary>For a command run in a terminal (the host is not started): the stored list, so it prices as the server does.</summary>
    public static async Task LoadStoredPricesAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        try
        {
            await services.GetRequiredService<PriceRefresher>().SyncFromStoreAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A store that cannot be reached leaves the built-in table in force; the report names it, and doctor says why.
        }
    }
}
