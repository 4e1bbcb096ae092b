using BraketBot.Commands;
using BraketBot.Enforcement;
using BraketBot.Messages;
using BraketBot.Usage;
using Microsoft.Extensions.Options;

namespace BraketBot.Budgets;

/// <summary>/braket budgets: each team's day and month against its caps, and what no budget takes in, from the ledger.</summary>
public sealed class BudgetsCommand(
    DayScanner scanner,
    UsageLedger ledger,
    IOptionsMonitor<AlertOptions> alerts,
    IOptionsMonitor<CapsOptions> capsOptions
)
{
    public const string Name = Subcommands.Budgets;

    public async Task<SlashReply> HandleAsync(CancellationToken cancellationToken) =>
        SlashReply.Of(await ReportAsync(cancellationToken), BudgetsView.Render, Visibility.Ephemeral);

    public async Task<CommandResult<BudgetsReport>> ReportAsync(CancellationToken cancellationToken)
    {
        var caps = capsOptions.CurrentValue;
        var today = scanner.Today();
        // Like /braket caps: a day the ledger does not hold yet is scanned into it first (earlier days are the reconcile's to fill).
        if (await ledger.HoldAsync(today, cancellationToken) is { } error)
            return new Refusal(error.Describe());
        var (budgets, rest) = await ledger.BudgetsReadingAsync(today, withMonth: true, cancellationToken);
        var standings = CapPolicy.EvaluateBudgets(caps, budgets);
        // The reading reads the options again: a budget a reload added or spoiled since this snapshot waits for the next answer.
        var lines = budgets
            .OrderBy(b => b.Key, StringComparer.OrdinalIgnoreCase)
            .Where(b => caps.Budgets.TryGetValue(b.Key, out var own) && BudgetScope.Of(b.Key, own) is not null)
            .Select(b => new BudgetLine(
                BudgetScope.Of(b.Key, caps.Budgets[b.Key])!,
                caps.Budgets[b.Key].Channel ?? alerts.CurrentValue.AlertChannel,
                b.Value,
                standings.Where(s => string.Equals(s.Cap.Scope.Budget!.Name, b.Key, StringComparison.OrdinalIgnoreCase)).ToList()
            ))
            .ToList();
        var missing = await ledger.MissingAsync(Month.Of(today).First, today, null, cancellationToken);
        return new BudgetsReport(caps, scanner.Window(today), lines, rest, missing);
    }
}
