using BraketBot.Limits;
using BraketBot.Usage;
using Microsoft.Extensions.Options;

namespace BraketBot.Home;

/// <summary>
/// Reads what a Home tab shows from the ledger's daily totals and task rows (the budgets' own usage), the runs the Home
/// tab was told of, the spending limits last listed and the hybrid jobs as last described: sums and store reads only,
/// never a Braket call, so a tab is drawn at once however often it is opened.
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
        var window = scanner.Window(today);
        var (month, undescribed) = await ledger.KnownMonthUsageAsync(today, cancellationToken);
        var usage = month.Days[^1]; // the month runs through today: its last day is today's
        var held = await ledger.FreshnessAsync(today, null, cancellationToken) is not null;
        return new HomeSnapshot(
            caps,
            window,
            usage,
            month,
            CapPolicy.Evaluate(usage, caps, month.Devices),
            held,
            await runs.ReadAsync(window, cancellationToken),
            DeviceLimit.All(limits.Known, catalog.Describe),
            pricing.Describe(month.Devices.Select(d => d.Device)),
            time.GetUtcNow()
        )
        {
            Budgets = await BudgetsAsync(caps, today, cancellationToken),
            UndescribedJobs = undescribed.Count,
        };
    }

    /// <summary>Each budget with a cap, its day and (under a monthly cap) month from the ledger's task rows, against its caps.</summary>
    private async Task<IReadOnlyList<BudgetLine>> BudgetsAsync(CapsOptions caps, Day today, CancellationToken cancellationToken)
    {
        if (!caps.HasBudgetCaps)
            return [];
        var withMonth = caps.Budgets.Values.Any(b => b.HasMonthCap);
        var (budgets, _) = await ledger.BudgetsReadingAsync(today, withMonth, knownJobsOnly: true, cancellationToken);
        return BudgetLine.All(caps, budgets, alertChannel: null);
    }
}
