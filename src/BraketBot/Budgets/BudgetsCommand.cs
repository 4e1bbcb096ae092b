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
        var (budgets, rest) = await ledger.BudgetsReadingAsync(today, withMonth: true, knownJobsOnly: false, cancellationToken);
        var lines = BudgetLine.All(caps, budgets, alerts.CurrentValue.AlertChannel);
        var missing = await ledger.MissingAsync(Month.Of(today).First, today, null, cancellationToken);
        return new BudgetsReport(caps, scanner.Window(today), lines, rest, missing);
    }
}
