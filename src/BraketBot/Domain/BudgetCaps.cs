namespace BraketBot.Domain;

/// <summary>
/// One team's budget, as configured under <c>Budgets:{name}</c>: the tag that puts a task in it, its
/// caps (over its tasks only), the devices it covers (every device when empty), where its alerts go and
/// who besides Slack:Admins may cancel its tasks.
/// </summary>
public sealed record BudgetCaps
{
    /// <summary><c>key=value</c>: the task tag of the team's tasks.</summary>
    public string? Tag { get; init; }

    public long? MaxShotsPerDay { get; init; }
    public decimal? MaxCostPerDay { get; init; }
    public long? MaxShotsPerMonth { get; init; }
    public decimal? MaxCostPerMonth { get; init; }

    /// <summary>Device names as people write them (<see cref="DeviceNames"/>); empty: every device.</summary>
    public string[] Devices { get; init; } = [];

    /// <summary>Slack channel id of the team's alerts; unset: Slack:AlertChannel.</summary>
    public string? Channel { get; init; }

    /// <summary>Slack user ids who may cancel the team's tasks, besides Slack:Admins.</summary>
    public string[] Admins { get; init; } = [];

    public bool AnyCap => MaxShotsPerDay is not null || MaxCostPerDay is not null || HasMonthCap;

    public bool HasMonthCap => MaxShotsPerMonth is not null || MaxCostPerMonth is not null;
}
