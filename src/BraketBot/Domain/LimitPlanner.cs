namespace BraketBot.Domain;

/// <summary>
/// The rules of renewal and mirroring, as a pure function of the limits Braket lists, the caps to
/// mirror and the time: every limit BraketBot renews covers the current period, and under Mirror
/// every capped device has exactly one daily limit at its MaxCostPerDay.
/// </summary>
public static class LimitPlanner
{
    /// <param name="mirrored">Device ARN → MaxCostPerDay, for the devices Mirror keeps (empty when Mirror is off).</param>
    public static IReadOnlyList<LimitChange> Plan(
        IReadOnlyList<SpendingLimit> limits,
        IReadOnlyDictionary<string, decimal> mirrored,
        DateTimeOffset now,
        TimeZoneInfo zone
    )
    {
        var changes = new List<LimitChange>();
        var today = LimitPeriod.Current(LimitRenewal.Day, now, zone);
        foreach (var (deviceArn, usd) in mirrored)
        {
            var existing = limits.FirstOrDefault(l => l.DeviceArn == deviceArn);
            if (existing is null)
                changes.Add(new LimitChange.Create(deviceArn, usd, today, LimitRenewal.Day));
            else if (existing.Limit != usd || !existing.Period.SameAs(today) || existing.Renewal != LimitRenewal.Day)
                changes.Add(new LimitChange.Update(existing, usd, today, LimitRenewal.Day, TakeOver: existing.Renewal != LimitRenewal.Day));
        }
        foreach (var limit in limits.Where(l => !mirrored.ContainsKey(l.DeviceArn)))
        {
            if (limit.Renewal is not { } renewal)
                continue;
            var current = LimitPeriod.Current(renewal, now, zone);
            if (!limit.Period.SameAs(current))
                changes.Add(new LimitChange.Update(limit, limit.Limit, current, renewal, TakeOver: false));
        }
        return changes;
    }

    /// <summary>
    /// The limits, among those in force now, that a device's usage has used up (not even one more task
    /// fits): Braket's own count says so, or, for a daily limit (whose period is the day), the day's
    /// estimated cost does.
    /// </summary>
    /// <param name="perTask">The price of a task before its shots: with less than that left, Braket refuses every task.</param>
    public static IReadOnlyList<ReachedLimit> Reached(
        IEnumerable<SpendingLimit> limits,
        IEnumerable<DeviceUsage> devices,
        DateTimeOffset now,
        decimal perTask
    ) =>
        devices
            .SelectMany(d =>
                limits
                    .Where(l => l.DeviceArn == d.Device.DeviceArn && l.Period.Contains(now))
                    .Where(l => l.Left < Math.Max(perTask, 0.01m) || (l.Renewal == LimitRenewal.Day && d.EstimatedCost + perTask > l.Limit))
                    .Select(l => new ReachedLimit(d.Device.DeviceName, l.Limit, l.Renewal))
            )
            .ToList();

    /// <summary>When the next renewal falls due: the earliest end of a period BraketBot renews; null when it renews nothing.</summary>
    public static DateTimeOffset? NextDue(IEnumerable<SpendingLimit> limits, bool mirroring, DateTimeOffset now, TimeZoneInfo zone)
    {
        var ends = limits.Where(l => l.Renewal is not null).Select(l => LimitPeriod.Current(l.Renewal!.Value, now, zone).End).ToList();
        if (mirroring)
            ends.Add(LimitPeriod.Current(LimitRenewal.Day, now, zone).End);
        return ends.Count == 0 ? null : ends.Min();
    }
}
