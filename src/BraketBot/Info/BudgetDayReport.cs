namespace BraketBot.Info;

/// <summary>What /braket info budget NAME shows: the team's tasks of a day per device, and its daily caps' standings.</summary>
public sealed record BudgetDayReport(BudgetScope Budget, DayUsage Usage, IReadOnlyList<CapStanding> Standings, string TimeZone);
