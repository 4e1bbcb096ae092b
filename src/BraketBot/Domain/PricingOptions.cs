namespace BraketBot.Domain;

/// <summary>
/// The cost model, USD. Defaults are the public on-demand QPU prices (aws.amazon.com/braket/pricing,
/// as read on <see cref="DefaultPriceListDate"/>), plus the 2022 prices of retired devices so that
/// past days are estimated at what they cost then. Keys are device names or provider names.
/// </summary>
public sealed record PricingOptions
{
    public const string Section = "Pricing";
    public const string DefaultPriceListDate = "2026-11-26";

    public decimal PerTask { get; init; } = 0.30m;

    public Dictionary<string, decimal> PerShot { get; init; } = new(StringComparer.OrdinalIgnoreCase)
    {
        // Current QPUs.
        ["Forte-1"] = 0.08m,
        ["Forte-Enterprise-1"] = 0.08m,
        ["Aria-1"] = 0.03m,
        ["Aria-2"] = 0.03m,
        ["Garnet"] = 0.00145m,
        ["Aquila"] = 0.01m,
        ["Ankaa-2"] = 0.0009m,
        ["Ankaa-3"] = 0.0009m,
        // Retired QPUs, at their 2022 prices.
        ["Aspen-11"] = 0.00035m,
        ["Aspen-M-1"] = 0.00035m,
        ["Aspen-M-2"] = 0.00035m,
        ["Aspen-M-3"] = 0.00035m,
        ["Harmony"] = 0.01m,
        ["d-wave"] = 0.00019m,
        // Providers, for devices not named above.
        ["rigetti"] = 0.0009m,
        ["ionq"] = 0.03m,
        ["iqm"] = 0.00145m,
        ["quera"] = 0.01m,
    };

    public string PriceListDate { get; init; } = DefaultPriceListDate;
}
