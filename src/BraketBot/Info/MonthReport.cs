namespace BraketBot.Info;

/// <summary>What /braket info month shows: the month to date, the monthly caps' standings (this month only), and the time it is asked
/// at.</summary>
public sealed record MonthReport(
    MonthUsage Usage,
    IReadOnlyList<CapStanding> Standings,
    DateTimeOffset Now,
    string TimeZone,
    string Prices
);
