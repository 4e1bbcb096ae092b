namespace BraketBot.Domain;

/// <summary>
/// A hybrid job as GetJob describes it (SearchJobs gives no instance: <see cref="InstanceType"/> is
/// then null). <see cref="BillableDuration"/> is Braket's billableDuration, read as milliseconds.
/// <see cref="Tags"/> are the job's own (CreateJob's tags), which put its instances in a team's budget.
/// </summary>
public sealed record HybridJob(
    string JobArn,
    string JobName,
    string Status,
    string? DeviceArn,
    string? InstanceType,
    int InstanceCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    TimeSpan? BillableDuration
)
{
    /// <summary>GetJob's tags; null when not known (a job kept by a release that did not read them).</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>Still queued or running: CancelJob stops it.</summary>
    public bool IsActive => Status is "QUEUED" or "RUNNING";

    public string Region => HybridJobArn.TryParse(JobArn, out var arn) ? arn.Region : "";

    /// <summary>Minutes of instance time: Braket's billable duration when it says, else started to ended (or now, while it runs).</summary>
    public decimal Minutes(DateTimeOffset now)
    {
        if (BillableDuration is { } billed)
            return (decimal)billed.TotalMinutes;
        if (StartedAt is not { } started)
            return 0m;
        var end = EndedAt ?? now;
        return end > started ? (decimal)(end - started).TotalMinutes : 0m;
    }

    /// <summary>The instances' estimated cost so far; null when the price book does not price the instance type.</summary>
    public decimal? InstanceCost(Pricing pricing, DateTimeOffset now) => CostOf(Minutes(now), pricing);

    /// <summary>
    /// The instances' estimated cost of the minutes that fall in <paramref name="window"/>, the billed minutes
    /// counted from the job's start (its creation when Braket gives no start): each minute counts on one day
    /// only, so a job's days add up to its whole cost.
    /// </summary>
    public decimal? InstanceCostIn(DayWindow window, Pricing pricing, DateTimeOffset now)
    {
        var start = StartedAt ?? CreatedAt;
        var end = start + TimeSpan.FromMinutes((double)Minutes(now));
        var (from, to) = (start > window.Start ? start : window.Start, end < window.End ? end : window.End);
        return CostOf(to > from ? (decimal)(to - from).TotalMinutes : 0m, pricing);
    }

    private decimal? CostOf(decimal minutes, Pricing pricing) =>
        InstanceType is { } type && pricing.InstancePerMinute(Region, type) is { } perMinute
            ? decimal.Round(minutes * perMinute * Math.Max(1, InstanceCount), 4)
            : null;
}
