using BraketBot.Budgets;
using BraketBot.Cancel;
using BraketBot.Caps;
using BraketBot.Enforcement;
using BraketBot.Info;
using BraketBot.Limits;
using BraketBot.Views;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace BraketBot.Cli;

/// <summary>The commands' results for a terminal: a table per device, the cap bars, the outcome of a cancel run.</summary>
public static class TerminalViews
{
    public static IRenderable Info(InfoReport report)
    {
        var parts = new List<IRenderable> { Heading(InfoReportView.Title(report)) };
        if (report.Sections.Count == 0)
            parts.Add(Line(InfoReportView.NoTasks(report)));
        foreach (var device in report.Sections)
        {
            var d = device.Device;
            parts.Add(
                new Markup(
                    $"[bold]{Markup.Escape(d.DeviceName)}[/] · {Markup.Escape(d.ProviderName)} · "
                        + $"{Markup.Escape(d.Region.Length > 0 ? d.Region : "every region")}"
                )
            );
            var table = new Table()
                .Border(TableBorder.Rounded)
                .AddColumn("Status")
                .AddColumn(new TableColumn("Tasks").RightAligned())
                .AddColumn(new TableColumn("Shots").RightAligned());
            foreach (var status in QuantumTaskStatuses.All)
                table.AddRow(status.ToWire(), Format.Count(device[status].Tasks), Format.Count(device[status].Shots));
            var total = device.Sum(QuantumTaskStatuses.All);
            table.AddRow("[bold]Total[/]", $"[bold]{Format.Count(total.Tasks)}[/]", $"[bold]{Format.Count(total.Shots)}[/]");
            parts.Add(table);
            parts.Add(Line(InfoReportView.CostLine(device)));
            if (InfoReportView.InstanceLine(device) is { } instances)
                parts.Add(Line(instances));
            if (InfoReportView.ReservedLine(device, report.Reservations) is { } reserved)
                parts.Add(Line(reserved));
            if (InfoReportView.ByBudgetLine(device, report.ByBudget) is { } byBudget)
                parts.Add(Line(byBudget));
            parts.AddRange(report.DeviceCaps(d).Select(Standing));
            parts.Add(Text.Empty);
        }
        if (report.AccountCaps.Count > 0)
        {
            parts.Add(new Markup("[bold]Account caps[/]"));
            parts.AddRange(report.AccountCaps.Select(Standing));
            parts.Add(Text.Empty);
        }
        parts.Add(Footnote(InfoReportView.Footer(report)));
        if (report.Freshness is { } fresh)
            parts.Add(Footnote(InfoReportView.FreshnessLine(fresh, report.Usage.Window)));
        return new Rows(parts);
    }

    public static IRenderable Caps(CapsReport report)
    {
        var parts = new List<IRenderable> { Heading(CapsView.Title(report)) };
        if (report.Standings.Count == 0)
            return new Rows([.. parts, Line(CapsView.NoCaps)]);
        var table = new Table()
            .Border(TableBorder.Rounded)
            .AddColumn("Cap")
            .AddColumn("Usage")
            .AddColumn(new TableColumn("Used").RightAligned())
            .AddColumn(new TableColumn("Limit").RightAligned());
        foreach (var standing in report.Standings)
            table.AddRow(
                new Markup(Markup.Escape($"{Metric(standing)}, {standing.Cap.Scope.Describe()}")),
                Bar(standing),
                new Text(Format.Amount(standing.Cap.Metric, standing.Used)),
                new Text(Format.Amount(standing.Cap.Metric, standing.Cap.Limit))
            );
        var gap =
            report.Monthly.Count > 0 && report.MissingDays.Count > 0
                ? [Footnote(CapsView.Gap(report).TrimStart('\n'))]
                : Array.Empty<IRenderable>();
        return new Rows([.. parts, table, .. gap, Footnote(CapsView.Rules(report.Caps))]);
    }

    public static IRenderable Budgets(BudgetsReport report)
    {
        var parts = new List<IRenderable> { Heading(BudgetsView.Title(report)) };
        if (report.Budgets.Count == 0)
            return new Rows([.. parts, Line(BudgetsView.NoBudgets)]);
        foreach (var budget in report.Budgets)
        {
            parts.Add(
                new Markup(
                    $"[bold]{Markup.Escape(budget.Scope.Name)}[/] · tag {Markup.Escape(budget.Scope.Tag.ToString())}"
                        + (budget.Channel is { } channel ? $" · alerts in {Markup.Escape(channel)}" : "")
                )
            );
            parts.Add(Line(BudgetsView.Usage(budget.Usage, report.Caps.Basis)));
            parts.AddRange(budget.Standings.Select(Standing));
            parts.Add(Text.Empty);
        }
        parts.Add(new Markup("[bold]Untagged and other tasks[/] (in no budget)"));
        parts.Add(Line(BudgetsView.Usage(report.Rest, report.Caps.Basis)));
        return new Rows([.. parts, Footnote(CapsView.Rules(report.Caps))]);
    }

    public static IRenderable Limits(LimitsReport report)
    {
        if (report.Limits.Count == 0)
            return new Rows(Heading(LimitsView.Title), Line(LimitsView.None));
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Device");
        foreach (var column in new[] { "Limit", "Queued", "Spent" })
            table.AddColumn(new TableColumn(column).RightAligned());
        table.AddColumn("Period").AddColumn("Renewed");
        foreach (var l in report.Limits)
            table.AddRow(
                Markup.Escape(l.Device.DeviceName),
                Format.Money(l.Limit.Limit),
                Format.Money(l.Limit.QueuedSpend),
                Format.Money(l.Limit.TotalSpend),
                Format.Period(l.Limit, report.Zone),
                LimitsView.Renews(l.Limit.Renewal)
            );
        return new Rows(Heading(LimitsView.Title), table);
    }

    public static IRenderable Cancelled(CancelReport report) =>
        new Markup(
            $"[green]✓[/] Cancelled task {TerminalText.Markup(Format.Task(report.Outcome.Task.QuantumTaskArn))} "
                + $"({Markup.Escape(report.Device.DeviceName)}, {Format.Count(report.Outcome.Task.Shots)} shots) "
                + $"at {report.At:yyyy-MM-dd HH:mm} UTC: {Markup.Escape(report.Outcome.Detail)}.\n"
        );

    /// <summary>What a "cancel queued" run is about to cancel.</summary>
    public static string Plan(EnforcementRun run) =>
        string.Join(
            '\n',
            [
                $"{run.Tasks.Count} queued tasks of {run.Scope!.Describe()} on {run.Day}: "
                    + $"{Format.Count(run.Tasks.Sum(t => t.Shots))} shots, about {Format.Money(run.Tasks.Sum(t => t.Cost ?? 0m))}.",
                .. RunJobsView.Lines(run),
            ]
        );

    /// <summary>What a "cancel queued" run did, and each task it could not cancel.</summary>
    public static IRenderable Outcome(EnforcementRun run)
    {
        var cancelled = run.Tasks.Where(t => t.State == RunTaskState.Cancelled).ToList();
        var failed = run.Tasks.Where(t => t.State != RunTaskState.Cancelled).ToList();
        var icon = failed.Count == 0 ? "[green]✓[/]" : "[red]✗[/]";
        var summary = new Markup(
            icon
                + " "
                + Markup.Escape(
                    $"Cancelled {cancelled.Count} of {run.Tasks.Count} queued tasks of {run.Scope!.Describe()} on {run.Day}: "
                        + $"{Format.Count(cancelled.Sum(t => t.Shots))} shots, about {Format.Money(cancelled.Sum(t => t.Cost ?? 0m))} "
                        + $"saved."
                )
        );
        if (failed.Count == 0)
            return summary;
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Task").AddColumn("Not cancelled because");
        foreach (var task in failed)
            table.AddRow(new Markup(TerminalText.Markup(Format.Task(task.Arn))), new Text(task.Detail ?? task.State.ToString()));
        return new Rows(summary, table);
    }

    public static IRenderable Check(DoctorCheck check)
    {
        var icon = check.Status switch
        {
            CheckStatus.Pass => "[green]✓[/]",
            CheckStatus.Fail => "[red]✗[/]",
            _ => "[grey]–[/]",
        };
        var line = $"{icon} [bold]{Markup.Escape(check.Name)}[/]: {Markup.Escape(check.Detail)}";
        if (check.Fix is not null)
            line += $"\n    [yellow]fix:[/] {Markup.Escape(check.Fix)}";
        return new Markup(line + "\n");
    }

    public static IRenderable DoctorSummary(IReadOnlyList<DoctorCheck> checks)
    {
        var failed = checks.Count(c => c.Status == CheckStatus.Fail);
        var passed = checks.Count(c => c.Status == CheckStatus.Pass);
        return failed == 0
            ? new Markup($"[green]All {passed} checks passed[/]{Skipped(checks)}.\n")
            : new Markup($"[red]{failed} of {passed + failed} checks failed[/]{Skipped(checks)}.\n");
    }

    private static string Skipped(IReadOnlyList<DoctorCheck> checks) =>
        checks.Count(c => c.Status == CheckStatus.Skip) is > 0 and var skipped ? $", {skipped} skipped" : "";

    private static IRenderable Standing(CapStanding standing) =>
        new Markup(
            $"{Markup.Escape($"{Metric(standing)}, {standing.Cap.Scope.Describe()}")}: "
                + $"{Colour(standing)}{Markup.Escape(Format.Bar(standing.Fraction))}[/] "
                + $"{Format.Amount(standing.Cap.Metric, standing.Used)} of {Format.Amount(standing.Cap.Metric, standing.Cap.Limit)}"
        );

    private static IRenderable Bar(CapStanding standing) =>
        new Markup($"{Colour(standing)}{Markup.Escape(Format.Bar(standing.Fraction))}[/]");

    private static string Colour(CapStanding standing) =>
        standing.Level switch
        {
            CapLevel.Breach => "[red]",
            CapLevel.Warning => "[yellow]",
            _ => "[green]",
        };

    private static string Metric(CapStanding standing) =>
        (standing.Cap.Metric == CapMetric.Shots ? "Shots" : "Cost") + (standing.Cap.Period == CapPeriod.Month ? " this month" : "");

    private static IRenderable Heading(string title) => new Markup($"[bold underline]{Markup.Escape(title)}[/]\n");

    private static IRenderable Line(string mrkdwn) => new Markup(TerminalText.Markup(mrkdwn));

    private static IRenderable Footnote(string mrkdwn) => new Markup($"[grey]{TerminalText.Markup(mrkdwn)}[/]");
}
