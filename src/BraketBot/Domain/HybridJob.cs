namespace BraketBot.Domain;

/// <summary>
/// A hybrid job as GetJob describes it (SearchJobs gives no instance: <see cref="InstanceType"/> is
/// then null). <see cref="BillableDuration"/> is Braket's billableDuration, read as milliseconds.
/// </summary>
public sealed record HybridJob(
    string JobArn, string JobName, string Status, string? DeviceArn, string? InstanceType, int InstanceCount,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, TimeSpan? BillableDuration)
{
    /// <summary>Still queued or running: CancelJob stops it.</summary>
    public bool IsActive => Status is "QUEUED" or "RUNNING";

    public string Region => HybridJobArn.TryParse(JobArn, out var arn) ? arn.Region : "";

    /// <summary>Minutes of instance time: Braket's billable duration when it says, else started to ended (or now, while it runs).</summary>
    public decimal Minutes(DateTimeOffset now)
    {
        if (BillableDuration is { } billed) return (decimal)billed.TotalMinutes;
        if (StartedAt is not { } started) return 0m;
        var end = EndedAt ?? now;
        return end > started ? (decimal)(end - started).TotalMinutes : 0m;
    }

    /// <summary>The instances' estimated cost so far; null when the instance type has no price.</summary>
    public decimal? InstanceCost(IInstancePrices prices, DateTimeOffset now) =>
        InstanceType is { } type && prices.PerMinute(Region, type) is { } perMinute
            ? decimal.Round(Minutes(now) * perMinute * Math.Max(1, InstanceCount), 4)
            : null;
}
