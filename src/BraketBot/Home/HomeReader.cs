using BraketBot.Limits;
using BraketBot.Usage;
using Microsoft.Extensions.Options;

namespace BraketBot.Home;

/// <summary>
/// Reads what a Home tab shows from the ledger's daily totals, the runs the Home tab was told of, and the
/// spending limits last listed: sums and store reads only, never a Braket call, so a tab is drawn at once
/// however often it is opened.
/// </summary>
public sealed class HomeReader(
    UsageLedger ledger,
    DayScanner scanner,
    BraketSpendingLimits limits,
    DeviceCatalog catalog,
    Pricing pricing,
    HomeRunLog runs,
    IOptionsMonitor<CapsOptions> capsOptions,
    TimeProvider time
)
{
    public async Task<HomeSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var caps = capsOptions.CurrentValue;
        var today = scanner.Today();
        var usage = await ledger.DayUsageAsync(today, null, cancellationToken);
        var month = await ledger.MonthUsageAsync(Month.Of(today), today, cancellationToken);
        var held = await ledger.FreshnessAsync(today, null, cancellationToken) is not null;
        return new HomeSnapshot(
            caps,
            scanner.Window(today),
            usage,
            month,
            CapPolicy.Evaluate(usage, caps, month.DevicesWith(usage)),
            held,
            await runs.ReadAsync(today, cancellationToken),
            DeviceLimit.All(limits.Known, catalog.Describe),
            pricing.Describe(month.DevicesWith(usage).Select(d => d.Device)),
            time.GetUtcNow()
        );
    }
}
