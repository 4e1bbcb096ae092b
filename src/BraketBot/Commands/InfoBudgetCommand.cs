using BraketBot.Ports;
using BraketBot.Reports;
using BraketBot.Slack.Messages;
using BraketBot.Usage;
using Microsoft.Extensions.Options;

namespace BraketBot.Commands;

/// <summary>/braket info budget NAME [DATE]: one team's tasks of a day, from the ledger (scanned into it first when it lacks the day).</summary>
public sealed class InfoBudgetCommand(DayScanner scanner, UsageLedger ledger, TimeProvider time, IOptionsMonitor<CapsOptions> capsOptions)
{
    public const string Name = Subcommands.Budget;

    public async Task<SlashReply> HandleAsync(ParsedCommand.InfoBudget query, CancellationToken cancellationToken) =>
        SlashReply.Of(await ReportAsync(query, cancellationToken), BudgetDayView.Render, Visibility.InChannel);

    public async Task<CommandResult<BudgetDayReport>> ReportAsync(ParsedCommand.InfoBudget query, CancellationToken cancellationToken)
    {
        var caps = capsOptions.CurrentValue;
        var name = caps.Budgets.Keys.FirstOrDefault(k => string.Equals(k, query.Budget, StringComparison.OrdinalIgnoreCase));
        if (name is null || BudgetScope.Of(name, caps.Budgets[name]) is not { } budget)
            return new Refusal(BudgetDayView.Unknown(query.Budget, caps.Budgets.Keys.Order(StringComparer.OrdinalIgnoreCase)));
        var day = query.Day.Resolve(scanner.Today());
        // A budget's usage is summed from task rows, which the ledger keeps for a few weeks only.
        if (day < Retention.OldestTaskDay(time.GetUtcNow()) || day > scanner.Today())
            return new Refusal($"Budgets are read from the ledger's tasks, kept {Retention.LedgerTaskDays} days: pick a day from then to today.");
        if (await ledger.HoldAsync(day, cancellationToken) is { } error) return new Refusal(error.Describe());
        var usage = await ledger.BudgetDayAsync(budget, day, cancellationToken);
        var own = new Dictionary<string, BudgetUsage>(StringComparer.OrdinalIgnoreCase) { [name] = new(usage, null) };
        var standings = CapPolicy.EvaluateBudgets(caps, own);
        return new BudgetDayReport(budget, usage, standings, caps.TimeZone);
    }
}
