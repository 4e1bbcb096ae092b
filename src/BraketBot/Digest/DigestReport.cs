namespace BraketBot.Digest;

/// <summary>What a daily digest tells: the day's usage, its month through the day, the caps' standings and the alerts raised.</summary>
public sealed record DigestReport(
    DayUsage Day,
    MonthUsage Month,
    IReadOnlyList<CapStanding> Standings,
    IReadOnlyList<RaisedAlert> Raised,
    string TimeZone
)
{
    /// <summary>The prices the estimates used (<see cref="Pricing.Describe"/>).</summary>
    public string Prices { get; init; } = "list prices";
}
