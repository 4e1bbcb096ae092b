using Microsoft.Extensions.Options;

namespace BraketBot.Prices;

/// <summary>Reads the AWS price list's offer file (<c>Pricing:PriceListUrl</c>; public, no credentials).</summary>
public sealed class PriceListClient(HttpClient http, IOptionsMonitor<PricingOptions> options, TimeProvider time)
{
    /// <summary>The whole read, the file's download included (it is a few hundred kilobytes).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    /// <exception cref="PriceListException">The file cannot be fetched or parsed.</exception>
    public async Task<PriceList> ReadAsync(CancellationToken cancellationToken)
    {
        var url = options.CurrentValue.PriceListUrl;
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new PriceListException($"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            await using var content = await response.Content.ReadAsStreamAsync(cancellationToken);
            return OfferFile.Parse(content, time.GetUtcNow());
        }
        catch (Exception e)
            when (e is HttpRequestException or TimeoutException
                || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            )
        {
            throw new PriceListException($"{url} cannot be reached: {e.Message}", e);
        }
    }
}
