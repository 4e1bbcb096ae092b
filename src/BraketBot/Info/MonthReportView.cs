using BraketBot.Charts;
using BraketBot.Messages;
using BraketBot.Views;

namespace BraketBot.Info;

/// <summary>The month report in Block Kit: devices, the daily trend, the projection, the monthly caps.</summary>
public static class MonthReportView
{
    private const int TrendWidth = 20;

    /// <param name="chart">The month's chart, shown under the title when there is one.</param>
    public static SlackMessage Render(MonthReport report, ChartImage? chart = null)
    {
        var usage = report.Usage;
        var current = usage.Days.Count > 0 && Day.Of(report.Now, usage.Days[0].Window.TimeZone) <= usage.Month.Last;
        var title = current ? $"Braket usage in {usage.Month}, to {usage.Days[^1].Window.Day}" : $"Braket usage in {usage.Month}";
        var blocks = new List<Block> { new HeaderBlock(TextObject.Plain(title)) };
        var devices = usage.Devices;

        if (devices.Count == 0)
        {
            blocks.Add(new SectionBlock(TextObject.Markdown($"The ledger has no tasks of {usage.Month}.")));
        }
        else
        {
            if (chart is not null)
                blocks.Add(ChartView.Block(chart));
            blocks.Add(new SectionBlock(TextObject.Markdown("*Per device*\n" + Format.DeviceTable(devices, total: true))));
            blocks.Add(new SectionBlock(TextObject.Markdown("*Day by day*\n" + Trend(usage))));
            blocks.Add(
                new SectionBlock(
                    TextObject.Markdown(
                        current
                            ? $":crystal_ball: At this pace the month ends at about *{Format.Money(usage.ProjectedCost(report.Now))}* "
                                + $"({Format.Money(usage.Cost)} so far)."
                            : $":moneybag: The month cost about *{Format.Money(usage.Cost)}*."
                    )
                )
            );
        }
        if (report.Standings.Count > 0)
            blocks.Add(
                new SectionBlock(TextObject.Markdown("*Monthly caps*\n" + string.Join('\n', report.Standings.Select(Format.Standing))))
            );
        if (usage.Missing.Count > 0)
            blocks.Add(
                new SectionBlock(
                    TextObject.Markdown(
                        $":warning: The ledger does not hold {usage.Missing.Count} of these days "
                            + $"({usage.Missing[0]}…{usage.Missing[^1]}): they are not in the sums. "
                            + "The reconcile fills this month's; the ledger keeps 13 months."
                    )
                )
            );
        blocks.Add(
            new ContextBlock([
                TextObject.Markdown($"Month in {report.TimeZone} · from BraketBot's ledger · prices: {report.Prices}, estimates only"),
            ])
        );
        return new SlackMessage($"{title}: {Format.Money(usage.Cost)}, {Format.Count(usage.Shots)} shots", blocks);
    }

    /// <summary>Each day's tasks and cost, with a bar against the month's costliest day.</summary>
    private static string Trend(MonthUsage usage)
    {
        var days = usage
            .Days.Select(d => (Day: d.Window.Day, Tasks: d.Devices.Sum(u => u.TotalTasks), Cost: d.Devices.Sum(u => u.EstimatedCost)))
            .ToList();
        var most = Math.Max(days.Max(d => d.Cost), 0.01m);
        return Format.Table(
            ["Day", "Tasks", "Est. cost", ""],
            days.Select(d =>
                (IReadOnlyList<string>)
                    [
                        d.Day.ToString(),
                        Format.Count(d.Tasks),
                        Format.Money(d.Cost),
                        new string('▇', (int)Math.Round(d.Cost / most * TrendWidth, MidpointRounding.AwayFromZero)),
                    ]
            )
        );
    }
}
