using BraketBot.Caps;
using BraketBot.Messages;
using BraketBot.Views;

namespace BraketBot.Budgets;

/// <summary>/braket budgets in Block Kit: a section per budget with its bars, then the rest.</summary>
public static class BudgetsView
{
    public const string NoBudgets =
        "No budgets are configured. Set `Budgets:{name}:Tag` (`key=value`, the tag of a team's tasks) and at least "
        + "one of `Budgets:{name}:MaxShotsPerDay`, `:MaxCostPerDay`, `:MaxShotsPerMonth`, `:MaxCostPerMonth`.";

    public static SlackMessage Render(BudgetsReport report)
    {
        var title = Title(report);
        if (report.Budgets.Count == 0)
        {
            List<Block> none = [new HeaderBlock(TextObject.Plain(title)), new SectionBlock(TextObject.Markdown(NoBudgets))];
            return new SlackMessage(NoBudgets, none);
        }
        var sections = report.Budgets.Select(b => Section(b, report.Caps.Basis)).Append(Rest(report.Rest, report.Caps.Basis)).ToList();
        List<Block> blocks = [new HeaderBlock(TextObject.Plain(title)), .. sections.Select(s => new SectionBlock(TextObject.Markdown(s)))];
        var footer =
            CapsView.Rules(report.Caps)
            + (
                report.MissingDays.Count == 0
                    ? ""
                    : $" · the ledger lacks {report.MissingDays.Count} days of this month (from {report.MissingDays[0]}): "
                        + "month figures leave them out"
            );
        blocks.Add(new ContextBlock([TextObject.Markdown(footer)]));
        return new SlackMessage(title + "\n" + string.Join('\n', sections), blocks);
    }

    public static string Title(BudgetsReport report) => $"Team budgets on {report.Today.Day} ({report.Caps.TimeZone})";

    /// <summary>A budget: its tag and channel, what it used that day and month (<see cref="Usage"/>), and each cap with its bar.</summary>
    public static string Section(BudgetLine line, CapBasis basis, string day = "Today", string month = "this month") =>
        $"*{line.Scope.Name}* · tag `{line.Scope.Tag}`{Devices(line.Scope)}{(line.Channel is { } c ? $" · alerts in <#{c}>" : "")}\n"
        + Usage(line.Usage, basis, day, month)
        + (line.Standings.Count > 0 ? "\n" + string.Join('\n', line.Standings.Select(Format.Standing)) : "");

    /// <summary>The tasks no budget takes in: untagged, or tagged for none of them.</summary>
    public static string Rest(BudgetUsage rest, CapBasis basis, string day = "Today", string month = "this month") =>
        "*Untagged and other tasks* (in no budget)\n" + Usage(rest, basis, day, month);

    /// <summary>The day's and the month's shots and cost as the caps count them, the period named by <paramref name="day"/> and
    /// <paramref name="month"/>.</summary>
    public static string Usage(BudgetUsage usage, CapBasis basis, string day = "Today", string month = "this month")
    {
        var (dayShots, dayCost) = BudgetUsage.Totals(usage.Day.Devices, basis);
        var (monthShots, monthCost) = BudgetUsage.Totals(usage.Month ?? [], basis);
        return $"{day} {Format.Count(dayShots)} shots, {Format.Money(dayCost)} · "
            + $"{month} {Format.Count(monthShots)} shots, {Format.Money(monthCost)}";
    }

    private static string Devices(BudgetScope scope) => scope.Devices.Count > 0 ? $" · on {string.Join(", ", scope.Devices)}" : "";
}
