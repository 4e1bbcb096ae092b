namespace BraketBot.Home;

/// <summary>
/// What a user may cancel from the Home tab: a device's or every device's queued tasks when <see cref="Admin"/>, and the
/// queued tasks of the budgets named in <see cref="Budgets"/> (the admins', and each budget's own admins').
/// </summary>
public sealed record HomeAccess(bool Admin, IReadOnlyList<string> Budgets)
{
    public bool MayCancel(BudgetScope budget) => Budgets.Contains(budget.Name, StringComparer.OrdinalIgnoreCase);
}
