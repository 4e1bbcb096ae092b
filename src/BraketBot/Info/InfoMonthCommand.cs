using BraketBot.Charts;
using BraketBot.Commands;
using BraketBot.Messages;
using BraketBot.Usage;
using Microsoft.Extensions.Options;

namespace BraketBot.Info;

/// <summary>
/// /braket info month [YYYY-MM]: a month to date from the ledger's daily totals (a sum, never a scan),
/// with its chart (uploaded unshared, shown by an image block in the reply); without the chart when
/// Slack will not take it.
/// </summary>
public sealed class InfoMonthCommand(
    DayScanner scanner,
    UsageLedger ledger,
    Pricing pricing,
    ChartPublisher charts,
    IOptionsMonitor<CapsOptions> capsOptions,
    TimeProvider time
)
{
    public const string Name = Subcommands.Info + " " + Subcommands.Month;

    public async Task<SlashReply> HandleAsync(ParsedCommand.InfoMonth query, CancellationToken cancellationToken)
    {
        var caps = capsOptions.CurrentValue;
        var today = scanner.Today();
        var month = query.Month ?? Month.Of(today);
        if (month > Month.Of(today))
            return SlashReply.Private(MonthQueries.NotBegun(month, caps.TimeZone));

        var usage = await ledger.MonthUsageAsync(month, today, cancellationToken);
        // The monthly caps are this month's; a past month's standing is history the digests told.
        var standings =
            month == Month.Of(today)
                ? CapPolicy.Evaluate(usage.Days[^1], caps, usage.Devices).Where(s => s.Cap.Period == CapPeriod.Month).ToList()
                : [];
        var report = new MonthReport(
            usage,
            standings,
            time.GetUtcNow(),
            caps.TimeZone,
            pricing.Describe(usage.Devices.Select(d => d.Device))
        );
        var chart = charts.MonthChart(usage, null);
        var image = ChartView.Image(chart, await charts.UploadForMessageAsync(chart, cancellationToken));
        return new SlashReply(MonthReportView.Render(report, image), Visibility.InChannel);
    }
}
