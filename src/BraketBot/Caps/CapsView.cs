using BraketBot.Limits;
using BraketBot.Messages;
using BraketBot.Views;

namespace BraketBot.Caps;

public static class CapsView
{
    public static SlackMessage Render(CapsReport report)
    {
        var title = Title(report);
        if (report.Standings.Count == 0)
            return new SlackMessage(NoCaps, [new HeaderBlock(TextObject.Plain(title)), new SectionBlock(TextObject.Markdown(NoCaps))]);
        var daily = report.Daily.Select(Format.Standing).ToList();
        var monthly = report.Monthly.Select(Format.Standing).ToList();
        var blocks = new List<Block> { new HeaderBlock(TextObject.Plain(title)) };
        if (daily.Count > 0)
            blocks.Add(new SectionBlock(TextObject.Markdown(string.Join('\n', daily))));
        if (monthly.Count > 0)
            blocks.Add(new SectionBlock(TextObject.Markdown($"*{MonthTitle(report)}*\n{string.Join('\n', monthly)}{Gap(report)}")));
        if (report.UncheckedRegions.Count > 0)
            blocks.Add(
                new SectionBlock(
                    TextObject.Markdown($"⚠️ {RegionFailure.LowerBound(report.UncheckedRegions)} The reconcile tries them again.")
                )
            );
        if (report.NativeLimits.Count > 0)
            blocks.Add(
                new SectionBlock(
                    TextObject.Markdown(
                        "*Braket's own spending limits*\n"
                            + string.Join(
                                '\n',
                                report.NativeLimits.Select(l =>
                                    $"*{l.Device.DeviceName}*: {LimitsView.Line(l.Limit, report.Caps.Zone, withSpend: true)}"
                                )
                            )
                    )
                )
            );
        blocks.Add(
            new ContextBlock([TextObject.Markdown(Rules(report.Caps) + (report.Prices.Length > 0 ? $" · prices: {report.Prices}" : ""))])
        );
        return new SlackMessage(title + "\n" + string.Join('\n', [.. daily, .. monthly]), blocks);
    }

    public const string NoCaps =
        "No caps are configured. Set `Caps:MaxShotsPerDay` / `Caps:MaxCostPerDay` (or `…PerMonth`), or per device "
        + "`Caps:Devices:{name}:MaxShotsPerDay` / `:MaxCostPerDay` (or `…PerMonth`).";

    public static string Title(CapsReport report) => $"Daily caps on {report.Today.Day} ({report.Caps.TimeZone})";

    public static string MonthTitle(CapsReport report) => $"{Month.Of(report.Today.Day)} to date";

    /// <summary>What the monthly standings leave out, when the ledger lacks days of the month.</summary>
    public static string Gap(CapsReport report) =>
        report.MissingDays.Count == 0
            ? ""
            : $"\n_The ledger lacks {report.MissingDays.Count} days of this month (from {report.MissingDays[0]}); the next reconcile "
                + $"fills them._";

    /// <summary>What the caps count and what a breach does.</summary>
    public static string Rules(CapsOptions caps)
    {
        var counted = caps.Basis == CapBasis.Day ? "CREATED, QUEUED, RUNNING and COMPLETED tasks" : "QUEUED tasks only";
        var action = caps.Action == CapAction.CancelQueued ? "queued tasks are cancelled" : "dry run: alerts only, nothing is cancelled";
        return $"Counts {counted} · warns at {caps.WarnAt:P0} · on a breach {action}";
    }
}
