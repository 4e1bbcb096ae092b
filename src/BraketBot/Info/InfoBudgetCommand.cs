using BraketBot.Commands;
using BraketBot.Messages;
using BraketBot.Ports;
using BraketBot.Usage;
using Microsoft.Extensions.Options;

namespace BraketBot.Info;

/// <summary>/braket info budget NAME [DATE]: one team's tasks of a day, from the ledger (scanned into it first when it lacks the
/// day).</summary>
public sealed class InfoBudgetCommand(DayScanner scanner, UsageLedger ledger, TimeProvider time, IOptionsMonitor<CapsOptions> capsOptions)
{
    public const string Name = Subcommands.Budget;

    public async Task<SlashReply> HandleAsync(ParsedCommand.InfoBudget query, CancellationToken cancellationToken) =>
        SlashReply.Of(await ReportAsync(query, cancellationToken), BudgetDayView.Render, Visibility.InChannel);

    public async Task<CommandResult<BudgetDayReport>> ReportAsync(ParsedCommand.InfoBudget query, CancellationToken cancellationToken)
    {
        var caps = capsOptions.CurrentValue;
        var found = BudgetLookup.Find(caps, query.Budget);
        if (!found.IsSuccess)
            return new Refusal(found.Problem!);
        var budget = found.Value!;
        var name = budget.Name;
        var day = query.Day.Resolve(scanner.Today());
        // A budget's usage is summed from task rows, which the ledger keeps for a few weeks only.
        if (day < Retention.OldestTaskDay(time.GetUtcNow()) || day > scanner.Today())
            return new Refusal(
                $"Budgets are read from the ledger's tasks, kept {Retention.LedgerTaskDays} days: pick a day from then to today."
            );
        if (await ledger.HoldAsync(day, cancellationToken) is { } error)
            return new Refusal(error.Describe());
        var usage = await ledger.BudgetDayAsync(budget, day, cancellationToken);
        var own = new Dictionary<string, BudgetUsage>(StringComparer.OrdinalIgnoreCase) { [name] = new(usage, null) };
        var standings = CapPolicy.EvaluateBudgets(caps, own);
        return new BudgetDayReport(budget, usage, standings, caps.TimeZone);
    }
}
