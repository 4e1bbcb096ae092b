using BraketBot.Commands;
using BraketBot.Reports;
using Spectre.Console;

namespace BraketBot.Cli;

/// <summary>`info [DATE] [DEVICE]`: the report of /braket info, a table per device.</summary>
public sealed class InfoVerb(IServiceProvider services, Terminal terminal, InfoCommand info) : BotVerb<InfoSettings>(services, terminal)
{
    protected override async Task<int> RunAsync(InfoSettings settings, CancellationToken cancellationToken)
    {
        // The words of /braket info, read by its own parser: the same dates and device names, the same refusals.
        string[] words = [Subcommands.Info, .. new[] { settings.Date, settings.Device }.OfType<string>()];
        var parsed = CommandParser.Parse(string.Join(' ', words.Select(CommandParser.Quote)));
        if (parsed is not ParsedCommand.Info query)
            return Terminal.Refuse(Problem(parsed), settings);
        var report = await Terminal.WhileAsync("Scanning Braket…", settings, () => info.ReportAsync(query, cancellationToken));
        return Terminal.Show(report, settings, TerminalViews.Info, JsonViews.Info);
    }
}

/// <summary>`budgets`: each team's budget against its caps, and the tasks in no budget.</summary>
public sealed class BudgetsVerb(IServiceProvider services, Terminal terminal, BudgetsCommand budgets)
    : BotVerb<VerbSettings>(services, terminal)
{
    protected override async Task<int> RunAsync(VerbSettings settings, CancellationToken cancellationToken) =>
        Terminal.Show(
            await Terminal.WhileAsync("Reading the ledger…", settings, () => budgets.ReportAsync(cancellationToken)),
            settings,
            TerminalViews.Budgets,
            JsonViews.Budgets
        );
}

/// <summary>`caps`: the caps in force and today's usage against each.</summary>
public sealed class CapsVerb(IServiceProvider services, Terminal terminal, CapsCommand caps) : BotVerb<VerbSettings>(services, terminal)
{
    protected override async Task<int> RunAsync(VerbSettings settings, CancellationToken cancellationToken) =>
        Terminal.Show(
            await Terminal.WhileAsync("Scanning Braket…", settings, () => caps.ReportAsync(cancellationToken)),
            settings,
            TerminalViews.Caps,
            JsonViews.Caps
        );
}

/// <summary>`limits`: Braket's own spending limits.</summary>
public sealed class LimitsVerb(IServiceProvider services, Terminal terminal, LimitsCommand limits)
    : BotVerb<VerbSettings>(services, terminal)
{
    protected override async Task<int> RunAsync(VerbSettings settings, CancellationToken cancellationToken) =>
        Terminal.Show(await limits.ReportAsync(cancellationToken), settings, TerminalViews.Limits, JsonViews.Limits);
}

/// <summary>`cancel ARN`: one task, as /braket cancel does it; whoever holds the AWS credentials may already cancel.</summary>
public sealed class CancelVerb(IServiceProvider services, Terminal terminal, CancelCommand cancel)
    : BotVerb<CancelSettings>(services, terminal)
{
    protected override async Task<int> RunAsync(CancelSettings settings, CancellationToken cancellationToken)
    {
        var parsed = CommandParser.Parse($"{Subcommands.Cancel} {settings.Task}");
        if (parsed is not ParsedCommand.Cancel task)
            return Terminal.Refuse(Problem(parsed), settings);
        var result = await cancel.CancelAsync(task.Task, Environment.UserName, CliApp.Requester, cancellationToken);
        return Terminal.Show(result, settings, TerminalViews.Cancelled, JsonViews.Cancelled);
    }
}
