namespace BraketBot.Domain;

/// <summary>
/// Where prices come from, and the prices configuration sets in place of the AWS price list's:
/// <see cref="PerTask"/> for every QPU's task fee, <see cref="PerShot"/> by device (any spelling) or provider.
/// </summary>
public sealed record PricingOptions
{
    public const string Section = "Pricing";

    /// <summary>The public bulk offer file of the AmazonBraket service (CSV), read at start and daily; no credentials.</summary>
    public Uri PriceListUrl { get; init; } = new("https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonBraket/current/index.csv");

    /// <summary>USD per task on every QPU; unset: the price list's fee for the device.</summary>
    public decimal? PerTask { get; init; }

    /// <summary>USD per shot by device name (any spelling, or its ARN) or provider name; unset: the price list's.</summary>
    public Dictionary<string, decimal> PerShot { get; init; } = new(StringComparer.OrdinalIgnoreCase);
}
