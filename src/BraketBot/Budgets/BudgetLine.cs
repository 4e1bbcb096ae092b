namespace BraketBot.Budgets;

/// <summary>One team's budget in /braket budgets: its scope, where its alerts go, its usage and its caps' standings.</summary>
public sealed record BudgetLine(BudgetScope Scope, string? Channel, BudgetUsage Usage, IReadOnlyList<CapStanding> Standings);
