using Microsoft.Extensions.Options;

namespace BraketBot.Usage;

/// <summary>
/// The price book in force on this instance: the last good AWS price list (or, until one is read, the
/// built-in table) with configuration's prices, rebuilt only when either changes. Whether the last
/// attempt to read the list failed is kept here too, so that a failure is warned of once.
/// </summary>
public sealed class CurrentPrices(IOptionsMonitor<PricingOptions> options)
{
    private readonly Lock gate = new();
    private (PricingOptions Options, PriceList? List, Pricing Book)? built;
    private PriceList? list;

    public PriceList? List => list;

    /// <summary>Why the list could not be read at the last attempt, and since when; null while it reads.</summary>
    public PriceListFailure? Failure { get; set; }

    public Pricing Book
    {
        get
        {
            var current = options.CurrentValue;
            lock (gate)
            {
                if (built is not { } b || !ReferenceEquals(b.Options, current) || !ReferenceEquals(b.List, list))
                    built = (current, list, new Pricing(current, list));
                return built.Value.Book;
            }
        }
    }

    /// <summary>Puts a list in force (one just read, or a newer one another instance stored).</summary>
    public void Use(PriceList read) => list = read;
}
