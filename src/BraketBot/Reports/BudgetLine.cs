namespace BraketBot.Reports;

/// <summary>One team's budget in /braket budgets: its scope, where its alerts go, its usage and its caps' standings.</summary>
public sealed record BudgetLine(BudgetScope Scope, string? Channel, BudgetUsage Usage, IReadOnlyList<CapStanding> Standings)
{
    /// <summary>
    /// The budgets of a ledger reading in name order, each against its caps, alerting in its channel or
    /// <paramref name="alertChannel"/>. The reading read the options again: a budget a reload added or spoiled since
    /// <paramref name="caps"/> was read waits for the next answer.
    /// </summary>
    public static IReadOnlyList<BudgetLine> All(CapsOptions caps, IReadOnlyDictionary<string, BudgetUsage> budgets, string? alertChannel)
    {
        var standings = CapPolicy.EvaluateBudgets(caps, budgets);
        return budgets
            .OrderBy(b => b.Key, StringComparer.OrdinalIgnoreCase)
            .Where(b => caps.Budgets.TryGetValue(b.Key, out var own) && BudgetScope.Of(b.Key, own) is not null)
            .Select(b => new BudgetLine(
                BudgetScope.Of(b.Key, caps.Budgets[b.Key])!,
                caps.Budgets[b.Key].Channel ?? alertChannel,
                b.Value,
                standings.Where(s => string.Equals(s.Cap.Scope.Budget!.Name, b.Key, StringComparison.OrdinalIgnoreCase)).ToList()
            ))
            .ToList();
    }
}
