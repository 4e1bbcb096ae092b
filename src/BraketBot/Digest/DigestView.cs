using BraketBot.Budgets;
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

        blocks.Add(new SectionBlock(TextObject.Markdown(Outcome(digest.Raised, devices))));
        if (digest.Standings.Count > 0)
            blocks.Add(
                new SectionBlock(
                    TextObject.Markdown("*Caps at the end of the day*\n" + string.Join('\n', digest.Standings.Select(Format.Standing)))
                )
            );
        if (digest.Budgets.Count > 0)
        {
            blocks.Add(new SectionBlock(TextObject.Markdown("*Team budgets*")));
            blocks.AddRange(digest.Budgets.Select(b => Section(BudgetsView.Section(b, digest.Basis, "The day", digest.MonthToDate))));
            if (digest.Rest is { } rest)
                blocks.Add(Section(BudgetsView.Rest(rest, digest.Basis, "The day", digest.MonthToDate)));
        }
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

    /// <summary>
    /// The short digest of a budget's own channel: for each budget alerting there, its day and month against its caps, its
    /// tasks of the day and the alerts and cancels of its caps; nothing of another team's or the account's figures.
    /// </summary>
    public static SlackMessage RenderTeams(DigestReport digest, IReadOnlyList<TeamDigest> teams)
    {
        var day = digest.Day.Window.Day;
        var names = string.Join(", ", teams.Select(t => t.Line.Scope.Name));
        var title = SlackMessage.Shorten($"Braket digest for {day}: {(teams.Count == 1 ? "budget" : "budgets")} {names}", 150);
        var blocks = new List<Block> { new HeaderBlock(TextObject.Plain(title)) };
        foreach (var team in teams)
        {
            var devices = team.Day.Devices;
            blocks.Add(Section(BudgetsView.Section(team.Line, digest.Basis, "The day", digest.MonthToDate)));
            blocks.Add(
                Section(
                    devices.Count == 0
                        ? $"No task of budget {team.Line.Scope.Name} was created on {day}."
                        : Format.DeviceTable(devices, total: devices.Count > 1)
                )
            );
            blocks.Add(Section(Outcome(team.Raised, devices)));
        }
        blocks.Add(
            new ContextBlock([TextObject.Markdown($"Day in {digest.TimeZone} · from BraketBot's ledger, estimates at {digest.Prices}")])
        );
        var cost = teams.Sum(t => t.Day.Devices.Sum(d => d.EstimatedCost));
        return new SlackMessage($"{title}: {Format.Money(cost)}, {teams.Sum(t => t.Raised.Count)} alert(s)", blocks);
    }

    private static SectionBlock Section(string markdown) => new(TextObject.Markdown(markdown));

    /// <summary>The alerts raised (or that none was), and what the devices' cancelled tasks would have cost.</summary>
    private static string Outcome(IReadOnlyList<RaisedAlert> raised, IReadOnlyList<DeviceUsage> devices)
    {
        var cancelled = devices.Aggregate(StatusTally.None, (sum, d) => sum.Add(d.Sum(CancelledStatuses)));
        var saved = devices.Sum(d => d.CostOf(CancelledStatuses) ?? 0);
        var alerts =
            raised.Count == 0
                ? ":large_green_circle: No cap was crossed."
                : string.Join(
                    '\n',
                    raised.Select(r =>
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
        return string.Join('\n', lines);
    }
}
