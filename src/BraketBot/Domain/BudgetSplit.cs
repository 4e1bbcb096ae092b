namespace BraketBot.Domain;

/// <summary>
/// A day's usage split by budget, as the budget caps count it (their statuses and prices): each budget's own
/// day, device by device, and the rest's (tasks in no budget), for the info report's "by budget" line.
/// </summary>
public sealed record BudgetSplit(IReadOnlyDictionary<string, BudgetUsage> Budgets, BudgetUsage Outside, CapBasis Basis)
{
    /// <summary>The device's shots and cost per budget (by name, those with any there) and the rest's; empty when none count.</summary>
    public IReadOnlyList<(string? Budget, long Shots, decimal Cost)> On(DeviceSummary device) =>
        Budgets
            .OrderBy(b => b.Key, StringComparer.OrdinalIgnoreCase)
            .Select(b => (Budget: (string?)b.Key, Usage: b.Value))
            .Append((Budget: null, Usage: Outside))
            .Select(b => (b.Budget, Share: Share(b.Usage, device)))
            .Where(b => b.Share.Shots > 0 || b.Share.Cost > 0)
            .Select(b => (b.Budget, b.Share.Shots, b.Share.Cost))
            .ToList();

    private (long Shots, decimal Cost) Share(BudgetUsage usage, DeviceSummary device) =>
        BudgetUsage.Totals(usage.Day.Devices.Where(d => d.Device.DeviceArn == device.DeviceArn).ToList(), Basis);
}
