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

    /// <summary>Each budget's day and month against its own caps, in name order; none when no budget is configured.</summary>
    public IReadOnlyList<BudgetLine> Budgets { get; init; } = [];

    /// <summary>What no budget takes in (untagged tasks, or tagged for none), told under the budgets.</summary>
    public BudgetUsage? Rest { get; init; }

    /// <summary>How the caps count, for the budgets' figures.</summary>
    public CapBasis Basis { get; init; } = CapBasis.Day;

    /// <summary>The month to the digest's day, as the budgets' lines name it.</summary>
    public string MonthToDate => $"{Month.Month} to date";
}
