using BraketBot.Budgets;

namespace BraketBot.Cli;

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
