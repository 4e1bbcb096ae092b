namespace BraketBot.Domain;

/// <summary>One team's budget in /braket budgets: its scope, where its alerts go, its usage and its caps' standings.</summary>
public sealed record BudgetLine(BudgetScope Scope, string? Channel, BudgetUsage Usage, IReadOnlyList<CapStanding> Standings)
{
    /// <summary>
    /// A line per budget of <paramref name="caps"/> that <paramref name="budgets"/> has a usage of, in name order, with its
    /// channel (Slack:AlertChannel when it names none) and its own caps' standings among <paramref name="standings"/>.
    /// </summary>
    public static IReadOnlyList<BudgetLine> Of(
        CapsOptions caps,
        IReadOnlyDictionary<string, BudgetUsage> budgets,
        IReadOnlyList<CapStanding> standings,
        string? alertChannel
    ) =>
        // The usages read the options again: a budget a reload added or spoiled since this snapshot waits for the next reading.
        budgets
            .OrderBy(b => b.Key, StringComparer.OrdinalIgnoreCase)
            .Where(b => caps.Budgets.TryGetValue(b.Key, out var own) && BudgetScope.Of(b.Key, own) is not null)
            .Select(b => new BudgetLine(
                BudgetScope.Of(b.Key, caps.Budgets[b.Key])!,
                caps.Budgets[b.Key].Channel ?? alertChannel,
                b.Value,
                standings.Where(s => string.Equals(s.Cap.Scope.Budget?.Name, b.Key, StringComparison.OrdinalIgnoreCase)).ToList()
            ))
            .ToList();

    /// <summary>The lines of a ledger reading, each budget against its own caps (the Home tab's and /braket budgets' view).</summary>
    public static IReadOnlyList<BudgetLine> All(CapsOptions caps, IReadOnlyDictionary<string, BudgetUsage> budgets, string? alertChannel) =>
        Of(caps, budgets, CapPolicy.EvaluateBudgets(caps, budgets), alertChannel);
}
