using BraketBot.Hosting;
using Microsoft.Extensions.Options;

namespace BraketBot.Usage;

public sealed class PricingOptionsValidator : IValidateOptions<PricingOptions>
{
    public ValidateOptionsResult Validate(string? name, PricingOptions options)
    {
        var failures = new List<string>();
        if (options.PerTask < 0)
            failures.Add($"Pricing:PerTask must not be negative (is {options.PerTask}).");
        foreach (var (key, price) in options.PerShot.Where(p => p.Value < 0))
            failures.Add($"Pricing:PerShot:{key} must not be negative (is {price}).");
        if (!options.PriceListUrl.IsAbsoluteUri || options.PriceListUrl.Scheme is not ("https" or "http"))
            failures.Add($"Pricing:PriceListUrl must be an http(s) URL (is {options.PriceListUrl}).");
        return failures.ToResult();
    }
}
