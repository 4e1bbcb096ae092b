using System.Text.Json.Serialization;


namespace BraketBot.Domain;

public enum CapMetric { Shots, Cost }

public enum CapLevel { Warning, Breach }

/// <summary>Where a cap applies: one device (by name), or the whole account when <see cref="Device"/> is null.</summary>
public sealed record CapScope(string? Device)
{
    public static readonly CapScope Account = new((string?)null);

    [JsonIgnore]
    public string Key => Device is null ? "account" : $"device:{Device.ToLowerInvariant()}";

    public string Describe() => Device ?? "all devices";

    public bool Covers(DeviceSummary device) => Device is null || device.DeviceName.Equals(Device, StringComparison.OrdinalIgnoreCase);
}

public sealed record Cap(CapScope Scope, CapMetric Metric, decimal Limit);

/// <summary>A cap and the day's usage against it; <see cref="Level"/> is null while usage is below the warning level.</summary>
public sealed record CapStanding(Cap Cap, decimal Used, CapLevel? Level)
{
    [JsonIgnore]
    public double Fraction => Cap.Limit == 0 ? (Used > 0 ? double.PositiveInfinity : 0) : (double)(Used / Cap.Limit);
}

/// <summary>The cap rules, as pure functions of the configuration and a day's usage.</summary>
public static class CapPolicy
{
    public static IReadOnlyList<QuantumTaskStatus> CountedStatuses(CapBasis basis) => basis == CapBasis.Queued
        ? [QuantumTaskStatus.Queued]
        : [QuantumTaskStatus.Created, QuantumTaskStatus.Queued, QuantumTaskStatus.Running, QuantumTaskStatus.Completed];

    public static IReadOnlyList<Cap> CapsInForce(CapsOptions options)
    {
        var caps = new List<Cap>();
        void Add(CapScope scope, long? shots, decimal? cost)
        {
            if (shots is { } s) caps.Add(new Cap(scope, CapMetric.Shots, s));
            if (cost is { } c) caps.Add(new Cap(scope, CapMetric.Cost, c));
        }
        Add(CapScope.Account, options.MaxShotsPerDay, options.MaxCostPerDay);
        foreach (var (device, deviceCaps) in options.Devices.OrderBy(d => d.Key, StringComparer.OrdinalIgnoreCase))
            Add(new CapScope(device), deviceCaps.MaxShotsPerDay, deviceCaps.MaxCostPerDay);
        return caps;
    }

    /// <summary>What a device's day counts against a cap of this metric. Devices without a price count no cost.</summary>
    public static decimal Counted(DeviceUsage usage, CapMetric metric, CapBasis basis)
    {
        var tally = usage.Sum(CountedStatuses(basis));
        return metric == CapMetric.Shots ? tally.Shots : usage.Cost(tally) ?? 0m;
    }

    public static IReadOnlyList<CapStanding> Evaluate(DayUsage day, CapsOptions options) =>
        CapsInForce(options)
            .Select(cap =>
            {
                var used = day.Devices.Where(d => cap.Scope.Covers(d.Device)).Sum(d => Counted(d, cap.Metric, options.Basis));
                return new CapStanding(cap, used, LevelOf(used, cap.Limit, options.WarnAt));
            })
            .ToList();

    /// <summary>Breached once usage exceeds the cap; warned from <paramref name="warnAt"/> of it.</summary>
    public static CapLevel? LevelOf(decimal used, decimal limit, double warnAt) =>
        used > limit ? CapLevel.Breach
        : used > 0 && used >= limit * (decimal)warnAt ? CapLevel.Warning
        : null;

    /// <summary>The tasks a breach cancels: every CREATED or QUEUED task in a breached scope.</summary>
    public static IReadOnlyList<QuantumTaskSummary> TasksToCancel(
        IEnumerable<CapStanding> standings, IEnumerable<QuantumTaskSummary> tasks, Func<string, DeviceSummary> describe)
    {
        var breached = standings.Where(s => s.Level == CapLevel.Breach).Select(s => s.Cap.Scope).Distinct().ToList();
        return tasks
            .Where(t => t.Status.IsCancellable() && breached.Any(scope => scope.Covers(describe(t.DeviceArn))))
            .DistinctBy(t => t.QuantumTaskArn)
            .ToList();
    }
}
