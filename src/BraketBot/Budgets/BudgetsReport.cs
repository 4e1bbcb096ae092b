namespace BraketBot.Budgets;

/// <summary>
/// What /braket budgets shows: each budget's day and month to date against its caps, and the rest (tasks in
/// no budget), from the ledger; <see cref="MissingDays"/> are days of the month it does not hold yet.
/// </summary>
public sealed record BudgetsReport(
    CapsOptions Caps,
    DayWindow Today,
    IReadOnlyList<BudgetLine> Budgets,
    BudgetUsage Rest,
    IReadOnlyList<Day> MissingDays
);
