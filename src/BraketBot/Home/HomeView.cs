using System.Text;
using BraketBot.Caps;
using BraketBot.Limits;
using BraketBot.Messages;
using BraketBot.Views;

namespace BraketBot.Home;

/// <summary>
/// A Home tab from a snapshot: usage against every cap with bars, the teams' budgets against theirs, the devices busy
/// today (with "Cancel all queued" for those who may cancel there), today's runs, Braket's own limits, and when it was
/// drawn. Pure. A big day or configuration is summarised (the busiest devices, the caps and budgets nearest their
/// limits, and a line for the rest) so that the view stays within Slack's 100 blocks and 3,000 characters a section
/// without cutting anything mid-way.
/// </summary>
public static class HomeView
{
    /// <summary>Slack's limit for a Home tab.</summary>
    public const int MaxBlocks = 100;

    public const int MaxDevicesShown = 15;
    public const int MaxCapLinesShown = 30;
    public const int MaxRunsShown = 8;
    public const int MaxLimitsShown = 20;
    public const int MaxBudgetsShown = 10;

    /// <summary>Below Slack's 3,000 characters a section; lines are packed into sections whole.</summary>
    private const int SectionBudget = 2900;

    /// <summary>No line of the view is longer than this (a device name is short; this bounds the packing).</summary>
    private const int MaxLine = 400;

    public const string Title = "BraketBot: the Braket budget at a glance";

    /// <summary>What the Refresh button carries: nothing is needed beyond who clicked.</summary>
    public const string RefreshValue = "home";

    public static IReadOnlyList<Block> Render(HomeSnapshot snapshot, HomeAccess access, string? notice)
    {
        var blocks = new List<Block> { new HeaderBlock(TextObject.Plain(Title)) };
        if (notice is not null)
            blocks.Add(Section(SlackMessage.Shorten(notice, MaxLine)));
        blocks.Add(new ContextBlock([TextObject.Markdown(Drawn(snapshot))]));
        blocks.Add(new ActionsBlock([new ButtonElement(TextObject.Plain("Refresh"), ActionIds.RefreshHome, RefreshValue)]));
        blocks.Add(new DividerBlock());
        blocks.AddRange(Usage(snapshot));
        blocks.Add(new DividerBlock());
        if (snapshot.Budgets.Count > 0)
        {
            blocks.AddRange(Budgets(snapshot, access));
            blocks.Add(new DividerBlock());
        }
        blocks.AddRange(Devices(snapshot, access.Admin));
        blocks.Add(new DividerBlock());
        blocks.AddRange(Sections("*Cancel runs today*", RunLines(snapshot)));
        blocks.Add(new DividerBlock());
        blocks.AddRange(Sections("*Braket's spending limits*", LimitLines(snapshot)));
        blocks.Add(new ContextBlock([TextObject.Markdown(CapsView.Rules(snapshot.Caps))]));
        return blocks;
    }

    private static string Drawn(HomeSnapshot s)
    {
        var drawn = $"Drawn at {Format.Clock(s.DrawnAt, s.Caps.Zone, s.Today.Day)} ({s.Caps.TimeZone}) from the ledger";
        drawn += $" · prices: {s.Prices}";
        return s.LedgerHoldsToday ? drawn : drawn + " · no scan has vouched for today yet: today's figures are what Braket's events told";
    }

    private static IEnumerable<Block> Usage(HomeSnapshot s)
    {
        var devices = s.Usage.Devices;
        var shots = devices.Sum(d => d.Sum(QuantumTaskStatuses.All).Shots);
        var today =
            $"*Today, {s.Today.Day}*: {Format.Count(devices.Sum(d => d.TotalTasks))} tasks, "
            + $"{Format.Count(shots)} shots, {Format.Money(devices.Sum(d => d.EstimatedCost))} estimated";
        var month = $"*{s.Month.Month} to date*: {Format.Count(s.Month.Shots)} shots, {Format.Money(s.Month.Cost)} estimated";
        if (s.UndescribedJobs > 0)
            month +=
                $"\n_Instance cost not yet known of {Format.Count(s.UndescribedJobs)} hybrid jobs Braket has not described to "
                + "BraketBot yet: the costs here leave it out until the next reconcile asks._";
        if (s.Standings.Count == 0)
            return Sections(today, [s.Budgets.Count == 0 ? "_No caps are configured._" : "_No account or device caps are configured._"])
                .Concat(Sections(month, []));

        // The caps nearest to (or past) their limit first; the rest in one line when there are too many to show.
        var ranked = s.Standings.OrderByDescending(c => c.Level).ThenByDescending(c => c.Fraction).ToList();
        var shown = ranked.Take(MaxCapLinesShown).ToHashSet();
        var left = ranked.Skip(MaxCapLinesShown).ToList();
        var daily = s.Standings.Where(c => c.Cap.Period == CapPeriod.Day && shown.Contains(c)).Select(Format.Standing).ToList();
        var monthly = s.Standings.Where(c => c.Cap.Period == CapPeriod.Month && shown.Contains(c)).Select(Format.Standing).ToList();
        if (s.Month.Missing.Count > 0)
            monthly.Add(
                $"_The ledger lacks {s.Month.Missing.Count} days of this month (from {s.Month.Missing[0]}); "
                    + "the next reconcile fills them._"
            );
        if (left.Count > 0)
            monthly.Add(
                $"_…and {left.Count} more caps, {left.Count(c => c.Level is not null)} of them at the warning level or past. "
                    + "`/braket caps` lists them all._"
            );
        return Sections(today, daily).Concat(Sections(month, monthly));
    }

    /// <summary>
    /// Each budget's day and month against its caps, those nearest their limits first; a button of the budget's exact scope
    /// for whoever may cancel its tasks (the admins, and its own) while it has queued tasks today.
    /// </summary>
    private static IEnumerable<Block> Budgets(HomeSnapshot s, HomeAccess access)
    {
        var ranked = s
            .Budgets.OrderByDescending(b => b.Standings.Max(c => c.Level))
            .ThenByDescending(b => b.Standings.Count == 0 ? 0 : b.Standings.Max(c => c.Fraction))
            .ThenBy(b => b.Scope.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var blocks = new List<Block> { Section("*Team budgets*") };
        foreach (var budget in ranked.Take(MaxBudgetsShown))
        {
            blocks.AddRange(Sections(BudgetTitle(budget, s.Caps.Basis), budget.Standings.Select(Format.Standing).ToList()));
            var queued = budget.Usage.Day.Devices.Aggregate(StatusTally.None, (sum, d) => sum.Add(d.Cancellable));
            if (access.MayCancel(budget.Scope) && queued.Tasks > 0)
            {
                var scope = CancelScope.OfBudget(s.Today.Day, budget.Scope);
                blocks.Add(new ActionsBlock([Buttons.CancelAllQueued(scope, queued.Tasks, queued.Shots)]));
            }
        }
        var rest = ranked.Skip(MaxBudgetsShown).ToList();
        if (rest.Count > 0)
            blocks.Add(
                More(
                    $"…and {rest.Count} more budgets, {rest.Count(b => b.Standings.Any(c => c.Level is not null))} of them at the "
                        + "warning level or past. `/braket budgets` lists them all."
                )
            );
        return blocks;
    }

    private static string BudgetTitle(BudgetLine budget, CapBasis basis)
    {
        var (dayShots, dayCost) = BudgetUsage.Totals(budget.Usage.Day.Devices, basis);
        var title = $"*{budget.Scope.Name}* · tag `{budget.Scope.Tag}`: today {Format.Count(dayShots)} shots, {Format.Money(dayCost)}";
        if (budget.Usage.Month is { } month)
        {
            var (monthShots, monthCost) = BudgetUsage.Totals(month, basis);
            title += $" · this month {Format.Count(monthShots)} shots, {Format.Money(monthCost)}";
        }
        return SlackMessage.Shorten(title, MaxLine);
    }

    private static IEnumerable<Block> Devices(HomeSnapshot s, bool admin)
    {
        var busy = s
            .Usage.Devices.Where(d => d.TotalTasks > 0)
            .OrderByDescending(d => d.Cancellable.Tasks > 0)
            .ThenByDescending(d => d.EstimatedCost)
            .ThenBy(d => d.Device.DeviceName, StringComparer.Ordinal)
            .ToList();
        if (busy.Count == 0)
            return Sections("*Devices today*", ["No tasks yet today."]);

        var blocks = new List<Block> { Section("*Devices with tasks today*") };
        foreach (var device in busy.Take(MaxDevicesShown))
        {
            blocks.Add(Section(DeviceLine(device)));
            var queued = device.Cancellable;
            var scope = CancelScope.Device(s.Today.Day, device.Device);
            if (admin && queued.Tasks > 0)
                blocks.Add(new ActionsBlock([Buttons.CancelAllQueued(scope, queued.Tasks, queued.Shots)]));
        }
        var rest = busy.Skip(MaxDevicesShown).ToList();
        if (rest.Count > 0)
            blocks.Add(
                More(
                    $"…and {rest.Count} more devices with {Format.Count(rest.Sum(d => d.TotalTasks))} tasks and "
                        + $"{Format.Money(rest.Sum(d => d.EstimatedCost))} estimated today. `/braket info today` lists them all."
                )
            );

        var withQueued = busy.Where(d => d.Cancellable.Tasks > 0).ToList();
        if (admin && withQueued.Count > 1)
        {
            var (tasks, shots) = (withQueued.Sum(d => d.Cancellable.Tasks), withQueued.Sum(d => d.Cancellable.Shots));
            blocks.Add(Section($"*Every device*: {Format.Count(tasks)} queued tasks, {Format.Count(shots)} shots"));
            blocks.Add(new ActionsBlock([Buttons.CancelAllQueued(CancelScope.EveryDevice(s.Today.Day), tasks, shots)]));
        }
        return blocks;
    }

    private static string DeviceLine(DeviceUsage d)
    {
        var queued = d.Cancellable;
        return $"*{d.Device.DeviceName}*: {Format.Count(queued.Tasks)} queued "
            + $"({Format.Count(queued.Shots)} shots, {Format.Money(d.QueuedCost)}), "
            + $"{Format.Count(d[QuantumTaskStatus.Running].Tasks)} running, {Format.Money(d.SpentCost)} spent";
    }

    private static IReadOnlyList<string> RunLines(HomeSnapshot s)
    {
        if (s.Runs.Count == 0)
            return ["None: no cap was crossed and no one cancelled anything today."];
        var ordered = s.Runs.OrderBy(r => r.FinishedAt is not null).ThenByDescending(r => r.FinishedAt ?? r.CreatedAt).ToList();
        var lines = ordered.Take(MaxRunsShown).Select(r => RunLine(r, s)).ToList();
        if (ordered.Count > MaxRunsShown)
            lines.Add($"_…and {ordered.Count - MaxRunsShown} earlier runs today._");
        return lines;
    }

    private static string RunLine(HomeRun run, HomeSnapshot s)
    {
        var zone = s.Caps.Zone;
        var day = s.Today.Day;
        if (run.DryRun)
            return $":bell: *{run.What}*: alert only (dry run), {Format.Clock(run.CreatedAt, zone, day)}";
        if (run.FinishedAt is not { } finished)
            return $":hourglass_flowing_sand: *{run.What}*: in progress since {Format.Clock(run.CreatedAt, zone, day)}, "
                + $"{Format.Count(run.Cancelled)} of {Format.Count(run.Tasks)} cancelled so far";
        var outcome =
            run.Tasks == 0 ? "nothing was left to cancel" : $"cancelled {Format.Count(run.Cancelled)} of {Format.Count(run.Tasks)}";
        if (run.NotCancelled > 0)
            outcome += $", {Format.Count(run.NotCancelled)} not cancelled";
        var icon = run.NotCancelled > 0 ? ":warning:" : ":white_check_mark:";
        return $"{icon} *{run.What}*: finished {Format.Clock(finished, zone, day)}, {outcome}";
    }

    private static IReadOnlyList<string> LimitLines(HomeSnapshot s)
    {
        if (s.Limits.Count == 0)
            return ["None known. `/braket limits` asks Braket."];
        var lines = s
            .Limits.Take(MaxLimitsShown)
            .Select(l => $"*{l.Device.DeviceName}*: {LimitsView.Line(l.Limit, s.Caps.Zone, withSpend: true)}")
            .ToList();
        if (s.Limits.Count > MaxLimitsShown)
            lines.Add($"_…and {s.Limits.Count - MaxLimitsShown} more. `/braket limits` lists them all._");
        return lines;
    }

    /// <summary>The title and lines in as few sections as fit, each line whole in one of them.</summary>
    private static IEnumerable<Block> Sections(string title, IReadOnlyList<string> lines)
    {
        var text = new StringBuilder(title);
        foreach (var line in lines.Select(l => SlackMessage.Shorten(l, MaxLine)))
        {
            if (text.Length + 1 + line.Length > SectionBudget)
            {
                yield return Section(text.ToString());
                text.Clear().Append(line);
            }
            else
            {
                text.Append('\n').Append(line);
            }
        }
        yield return Section(text.ToString());
    }

    private static SectionBlock Section(string markdown) => new(TextObject.Markdown(markdown));

    /// <summary>What a summarised part leaves out, in a line under it.</summary>
    private static ContextBlock More(string markdown) => new([TextObject.Markdown(markdown)]);
}
