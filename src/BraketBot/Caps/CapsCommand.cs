using BraketBot.Commands;
using BraketBot.Limits;
using BraketBot.Messages;
using BraketBot.Usage;
using Microsoft.Extensions.Options;

namespace BraketBot.Caps;

/// <summary>/braket caps: the caps in force and today's (and this month's) usage against each, from the ledger where it holds
/// them.</summary>
public sealed class CapsCommand(
    DayScanner scanner,
    UsageLedger ledger,
    RegionFailureLog uncheckedRegions,
    BraketSpendingLimits limits,
    DeviceCatalog catalog,
    Pricing pricing,
    IOptionsMonitor<CapsOptions> capsOptions
)
{
    public const string Name = Subcommands.Caps;

    public async Task<SlashReply> HandleAsync(CancellationToken cancellationToken) =>
        SlashReply.Of(await ReportAsync(cancellationToken), CapsView.Render, Visibility.Ephemeral);

    public async Task<CommandResult<CapsReport>> ReportAsync(CancellationToken cancellationToken)
    {
        var caps = capsOptions.CurrentValue;
        var today = scanner.Today();
        var window = scanner.Window(today);
        if (!caps.AnyCap)
            return new CapsReport(caps, window, [], []);

        var reading = await ledger.ReadAsync(today, null, scan: false, cancellationToken);
        if (!reading.IsSuccess)
            return new Refusal(reading.Error!.Describe());
        var usage = reading.Value!.Usage;
        var month = caps.HasMonthCaps ? await ledger.MonthUsageAsync(Month.Of(today), today, cancellationToken) : null;
        var native = await limits.RecentAsync(cancellationToken) ?? [];
        return new CapsReport(caps, window, CapPolicy.Evaluate(usage, caps, month?.DevicesWith(usage)), month?.Missing ?? [])
        {
            NativeLimits = DeviceLimit.All(native, catalog.Describe),
            Prices = pricing.Describe((month?.DevicesWith(usage) ?? usage.Devices).Select(d => d.Device)),
            UncheckedRegions = await uncheckedRegions.CurrentAsync(cancellationToken),
        };
    }
}
