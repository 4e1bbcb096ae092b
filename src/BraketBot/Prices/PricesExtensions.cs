namespace BraketBot.Prices;

public static class PricesExtensions
{
    /// <summary>The AWS price list: read at start and daily, shared through the store (the price book itself is
    /// <c>AddUsage</c>'s).</summary>
    public static IServiceCollection AddPrices(this IServiceCollection services)
    {
        // No retry pipeline: a failed read leaves the last good prices, with one warning, and is tried again
        // within the hour (PriceSync); a pipeline would log each failure of an offline host as an error.
        services.AddHttpClient<PriceListClient>(http => http.Timeout = PriceListClient.Timeout);
        services.AddTransient<PriceListStore>();
        services.AddTransient<PriceRefresher>();
        services.AddTransient<PriceRefreshJob>();
        services.AddSingleton<PriceSync>();
        services.AddHostedService(sp => sp.GetRequiredService<PriceSync>());
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
