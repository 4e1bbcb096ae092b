using BraketBot.Commands;
using BraketBot.Limits;
using BraketBot.Messages;
using BraketBot.Ports;
using BraketBot.Usage;
using Microsoft.Extensions.Options;

namespace BraketBot.Info;

/// <summary>
/// The info report of a day, for /braket info, its Refresh button and the terminal's info: from the
/// ledger when it holds the day (a sum, whatever the day's size, with how fresh it is), else, and on
/// Refresh, from a scan.
/// </summary>
public sealed class InfoReportBuilder(
    DayScanner scanner,
    UsageLedger ledger,
    DeviceCatalog catalog,
    Pricing pricing,
    BraketSpendingLimits limits,
    DayJobs dayJobs,
    TimeProvider time,
    IOptionsMonitor<CapsOptions> capsOptions
)
{
    /// <param name="scan">Ask Braket even when the ledger holds the day (the Refresh button).</param>
    public async Task<SlashReply> InfoAsync(Day day, string? deviceQuery, bool scan, CancellationToken cancellationToken) =>
        SlashReply.Of(await ReportAsync(day, deviceQuery, scan, cancellationToken), InfoReportView.Render, Visibility.InChannel);

    public async Task<CommandResult<InfoReport>> ReportAsync(Day day, string? deviceQuery, bool scan, CancellationToken cancellationToken)
    {
        DeviceSummary? device = null;
        if (deviceQuery is not null)
        {
            var found = await catalog.FindAsync(deviceQuery, cancellationToken);
            if (!found.IsSuccess)
                return new Refusal(found.Problem!);
            device = found.Value;
        }

        var reading = await ledger.ReadAsync(day, device, scan, cancellationToken);
        if (!reading.IsSuccess)
            return new Refusal(reading.Error!.Describe());
        var (usage, freshness, scanned) = reading.Value!;

        var caps = capsOptions.CurrentValue;
        var standings = CapPolicy
            .Evaluate(usage, caps)
            .Where(s => device is null || (s.Cap.Scope.Device is not null && s.Cap.Scope.Covers(device)))
            .ToList();
        return new InfoReport(
            usage,
            device,
            standings,
            scanner.RegionsOf(device),
            pricing.Describe(usage.Devices.Select(d => d.Device)),
            caps.TimeZone,
            freshness
        )
        {
            NativeLimits = limits.Known,
            ByBudget = await ByBudgetAsync(day, caps, cancellationToken),
            Jobs = await dayJobs.OfDayAsync(day, device, scanned, cancellationToken),
            // Which reservations: from the scan just made, else from the ledger's rows (read only on a day with reserved tasks).
            Reservations =
                scanned is not null ? ReservationUsage.Of(scanned.Where(t => device is null || t.DeviceArn == device.DeviceArn))
                : usage.Devices.Any(d => d.ReservedTotal.Tasks > 0)
                    ? ReservationUsage.Of((await ledger.DayTasksAsync(day, device, cancellationToken)).Value ?? [])
                : [],
        };
    }

    /// <summary>
    /// The day split by budget as /braket budgets reads it, from the ledger's task rows (the reading above held the day):
    /// null without budgets, or for a day older than the rows the ledger keeps.
    /// </summary>
    private async Task<BudgetSplit?> ByBudgetAsync(Day day, CapsOptions caps, CancellationToken cancellationToken)
    {
        if (caps.Budgets.Count == 0 || day < Retention.OldestTaskDay(time.GetUtcNow()))
            return null;
        var (budgets, rest) = await ledger.BudgetsReadingAsync(day, withMonth: false, knownJobsOnly: false, cancellationToken);
        return new BudgetSplit(budgets, rest, caps.Basis);
    }
}
