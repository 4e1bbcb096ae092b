using BraketBot.Commands;
using BraketBot.Messages;
using BraketBot.Ports;
using BraketBot.Usage;
using Microsoft.Extensions.Options;

namespace BraketBot.Charts;

/// <summary>
/// /braket chart [DATE|month|MONTH] [DEVICE]: the usage drawn, shared in the channel it was asked in;
/// where the bot may not post, uploaded unshared and shown to the person who asked in an image block.
/// </summary>
public sealed class ChartCommand(
    DayScanner scanner,
    DeviceCatalog catalog,
    UsageLedger ledger,
    ChartPublisher charts,
    TimeProvider time,
    IOptionsMonitor<CapsOptions> capsOptions
)
{
    public const string Name = Subcommands.Chart;

    public async Task<SlashReply> HandleAsync(ParsedCommand.Chart query, SlashCommand slash, CancellationToken cancellationToken)
    {
        DeviceSummary? device = null;
        if (query.Device is not null)
        {
            var found = await catalog.FindAsync(query.Device, cancellationToken);
            if (!found.IsSuccess)
                return SlashReply.Private(found.Problem!);
            device = found.Value;
        }

        var drawn = query.Budget is { } name
            ? await BudgetChartAsync(query.Period, name, cancellationToken)
            : await ChartOfAsync(query.Period, device, cancellationToken);
        if (!drawn.IsSuccess)
            return SlashReply.Private(drawn.Problem!);
        var chart = drawn.Value!;
        if (chart.IsEmpty)
            return SlashReply.Private(ChartView.Empty(chart));

        var posted = await charts.PublishAsync(chart, slash.ChannelId is { Length: > 0 } channel ? channel : null, cancellationToken);
        if (!posted.Ok)
            return SlashReply.Private(
                posted.Unconfirmed ? ChartView.Unconfirmed(chart.Title) : ChartView.Failed(chart.Title, posted.Problem!)
            );
        return posted.Shared
            ? new SlashReply(ChartView.Shared(chart.Title), Visibility.Ephemeral)
            : new SlashReply(
                ChartView.Unshared(new ChartImage(posted.FileId!, chart.Title, chart.AltText), IsDirectMessage(slash.ChannelId)),
                Visibility.Ephemeral
            );
    }

    /// <summary>Slack's ids of direct messages start with D.</summary>
    private static bool IsDirectMessage(string channelId) => channelId.StartsWith('D');

    /// <summary>One team's chart: its tasks of a day from the ledger (or a scan), or its month from the ledger's task rows.</summary>
    private async Task<CommandResult<UsageChart>> BudgetChartAsync(ChartPeriod period, string name, CancellationToken cancellationToken)
    {
        var found = BudgetLookup.Find(capsOptions.CurrentValue, name);
        if (!found.IsSuccess)
            return new Refusal(found.Problem!);
        var budget = found.Value!;
        var today = scanner.Today();
        if (period is ChartPeriod.OfDay day)
        {
            var chart = await charts.DayChartAsync(day.Day.Resolve(today), null, cancellationToken, budget);
            return chart.IsSuccess ? chart.Value! : new Refusal(chart.Error!.Describe());
        }
        var month = ((ChartPeriod.OfMonth)period).Month ?? Month.Of(today);
        if (month > Month.Of(today))
            return new Refusal(MonthQueries.NotBegun(month, scanner.Window(today).TimeZone.Id));
        // A budget's month is summed from task rows, which the ledger keeps for a few weeks only.
        if (month.First < Retention.OldestTaskDay(time.GetUtcNow()))
            return new Refusal(
                $"A budget's month is read from the ledger's tasks, kept {Retention.LedgerTaskDays} days: "
                    + $"chart this month, or a day since {Retention.OldestTaskDay(time.GetUtcNow())}."
            );
        return charts.MonthChart(await ledger.BudgetMonthAsync(budget, month, today, cancellationToken), null, budget);
    }

    private async Task<CommandResult<UsageChart>> ChartOfAsync(
        ChartPeriod period,
        DeviceSummary? device,
        CancellationToken cancellationToken
    )
    {
        var today = scanner.Today();
        if (period is ChartPeriod.OfDay day)
        {
            var chart = await charts.DayChartAsync(day.Day.Resolve(today), device, cancellationToken);
            return chart.IsSuccess ? chart.Value! : new Refusal(chart.Error!.Describe());
        }
        var month = ((ChartPeriod.OfMonth)period).Month ?? Month.Of(today);
        if (month > Month.Of(today))
            return new Refusal(MonthQueries.NotBegun(month, scanner.Window(today).TimeZone.Id));
        return charts.MonthChart(await ledger.MonthUsageAsync(month, today, cancellationToken), device);
    }
}
