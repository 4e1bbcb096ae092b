using BraketBot.Commands;

namespace BraketBot.Home;

/// <summary>
/// What a user may cancel from the Home tab: a device's or every device's queued tasks when <see cref="Admin"/>, and the
/// queued tasks of the budgets named in <see cref="Budgets"/> (the admins', and each budget's own admins').
/// </summary>
public sealed record HomeAccess(bool Admin, IReadOnlyList<string> Budgets)
{
    /// <summary>
    /// What <paramref name="userId"/> may cancel: devices as an admin, and each budget by <see cref="AccessOptions.MayCancel"/>.
    /// </summary>
    public static HomeAccess Of(AccessOptions access, string userId, IReadOnlyDictionary<string, BudgetCaps> budgets) =>
        new(access.IsAdmin(userId), budgets.Where(b => access.MayCancel(userId, b.Value)).Select(b => b.Key).ToList());

    public bool MayCancel(BudgetScope budget) => Budgets.Contains(budget.Name, StringComparer.OrdinalIgnoreCase);
}
