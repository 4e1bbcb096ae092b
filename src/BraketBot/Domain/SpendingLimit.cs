namespace BraketBot.Domain;

/// <summary>One of Braket's per-device spending limits, as SearchSpendingLimits lists it.</summary>
public sealed record SpendingLimit(
    string SpendingLimitArn,
    string DeviceArn,
    decimal Limit,
    decimal QueuedSpend,
    decimal TotalSpend,
    LimitPeriod Period,
    IReadOnlyDictionary<string, string> Tags
)
{
    /// <summary>Whether BraketBot renews this limit, and how often: its tag says.</summary>
    public LimitRenewal? Renewal => LimitTags.RenewalOf(Tags);

    /// <summary>Braket refuses a task whose cost is over what is left; with nothing left it refuses every task.</summary>
    public decimal Left => Math.Max(0, Limit - QueuedSpend - TotalSpend);

    public string Region => Arns.RegionOf(SpendingLimitArn);
}
