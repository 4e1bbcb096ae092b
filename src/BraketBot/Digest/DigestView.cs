using BraketBot.Charts;
using BraketBot.Messages;
using BraketBot.Views;

namespace BraketBot.Digest;

/// <summary>Yesterday in one message: per device, the caps, the alerts and the cancellations.</summary>
public static class DigestView
{
    private static readonly QuantumTaskStatus[] CancelledStatuses = [QuantumTaskStatus.Cancelling, QuantumTaskStatus.Cancelled];

    /// <param name="chart">The day's chart, shown under the device table when there is one.</param>
    public static SlackMessage Render(DigestReport digest, ChartImage? chart = null)
    {
        var day = digest.Day.Window.Day;
        var title = $"Braket digest for {day}";
        var devices = digest.Day.Devices;
        var blocks = new List<Block> { new HeaderBlock(TextObject.Plain(title)) };
        if (devices.Count == 0)
        {
            blocks.Add(new SectionBlock(TextObject.Markdown($"No tasks were created on {day}.")));
        }
        else
        {
            blocks.Add(new SectionBlock(TextObject.Markdown(Format.DeviceTable(devices, total: true))));
            if (chart is not null)
                blocks.Add(ChartView.Block(chart));
        }

        var cancelled = devices.Aggregate(StatusTally.None, (sum, d) => sum.Add(d.Sum(CancelledStatuses)));
        var saved = devices.Sum(d => d.CostOf(CancelledStatuses) ?? 0);
        var alerts =
            digest.Raised.Count == 0
                ? ":large_green_circle: No cap was crossed."
                : string.Join(
                    '\n',
                    digest.Raised.Select(r =>
                        $"{(r.Level == CapLevel.Breach ? ":red_circle: Breached" : ":large_orange_circle: Near")}: "
                        + $"{(r.Cap.Metric == CapMetric.Shots ? "shots" : "cost")} of {r.Cap.Scope.Describe()} "
                        + $"({(r.Cap.Period == CapPeriod.Month ? "this month" : "the day")})"
                    )
                );
        var lines = new List<string> { alerts };
        if (cancelled.Tasks > 0)
            lines.Add(
                $":octagonal_sign: {Format.Count(cancelled.Tasks)} tasks were cancelled ({Format.Count(cancelled.Shots)} shots, about "
                    + $"{Format.Money(saved)} not spent)."
            );
        blocks.Add(new SectionBlock(TextObject.Markdown(string.Join('\n', lines))));
        if (digest.Standings.Count > 0)
            blocks.Add(
                new SectionBlock(
                    TextObject.Markdown("*Caps at the end of the day*\n" + string.Join('\n', digest.Standings.Select(Format.Standing)))
                )
            );
        blocks.Add(
            new ContextBlock([
                TextObject.Markdown(
                    $"Day in {digest.TimeZone} · {digest.Month.Month} to date: about {Format.Money(digest.Month.Cost)} · from "
                        + $"BraketBot's ledger, estimates at {digest.Prices}"
                ),
            ])
        );
        return new SlackMessage($"{title}: {Format.Money(devices.Sum(d => d.EstimatedCost))}, {digest.Raised.Count} alert(s)", blocks);
    }
}
