namespace BraketBot.Domain;

/// <summary>The cap rules, as pure functions of the configuration and a day's usage.</summary>
public static class CapPolicy
{
    public static IReadOnlyList<QuantumTaskStatus> CountedStatuses(CapBasis basis) =>
        basis == CapBasis.Queued
            ? [QuantumTaskStatus.Queued]
            : [QuantumTaskStatus.Created, QuantumTaskStatus.Queued, QuantumTaskStatus.Running, QuantumTaskStatus.Completed];

    /// <summary>Account caps, then device caps, then budget caps, each group in name order.</summary>
    public static IReadOnlyList<Cap> CapsInForce(CapsOptions options)
    {
        var caps = new List<Cap>();
        void Add(CapScope scope, CapPeriod period, long? shots, decimal? cost)
        {
            if (shots is { } s)
                caps.Add(new Cap(scope, CapMetric.Shots, s, period));
            if (cost is { } c)
                caps.Add(new Cap(scope, CapMetric.Cost, c, period));
        }
        Add(CapScope.Account, CapPeriod.Day, options.MaxShotsPerDay, options.MaxCostPerDay);
        Add(CapScope.Account, CapPeriod.Month, options.MaxShotsPerMonth, options.MaxCostPerMonth);
        foreach (var (device, deviceCaps) in options.Devices.OrderBy(d => d.Key, StringComparer.OrdinalIgnoreCase))
        {
            Add(new CapScope(device), CapPeriod.Day, deviceCaps.MaxShotsPerDay, deviceCaps.MaxCostPerDay);
            Add(new CapScope(device), CapPeriod.Month, deviceCaps.MaxShotsPerMonth, deviceCaps.MaxCostPerMonth);
        }
        foreach (var (name, budget) in options.Budgets.OrderBy(b => b.Key, StringComparer.OrdinalIgnoreCase))
        {
            if (BudgetScope.Of(name, budget) is not { } scope)
                continue;
            Add(new CapScope(null, scope), CapPeriod.Day, budget.MaxShotsPerDay, budget.MaxCostPerDay);
            Add(new CapScope(null, scope), CapPeriod.Month, budget.MaxShotsPerMonth, budget.MaxCostPerMonth);
        }
        return caps;
    }

    /// <summary>
    /// What a device's day counts against a cap of this metric. Devices without a price count no task cost;
    /// reserved tasks never cost, and their shots count only when <paramref name="countReservedShots"/>.
    /// Under <see cref="CapBasis.Day"/> a cost counts the hybrid jobs' instances too (money spent, never queued).
    /// </summary>
    public static decimal Counted(DeviceUsage usage, CapMetric metric, CapBasis basis, bool countReservedShots = false)
    {
        var statuses = CountedStatuses(basis);
        if (metric == CapMetric.Cost)
            return (usage.CostOf(statuses) ?? 0m) + (basis == CapBasis.Day ? usage.InstanceCost : 0m);
        return usage.Sum(statuses).Shots + (countReservedShots ? usage.ReservedSum(statuses).Shots : 0);
    }

    /// <summary>
    /// The standing of every cap in force: daily caps against <paramref name="day"/>, monthly caps
    /// against <paramref name="month"/> (the month to date, devices summed over its days); without a
    /// month, monthly caps are left out. A budget's caps count its own usage (<paramref name="budgets"/>,
    /// by name); a budget without one there is left out.
    /// </summary>
    public static IReadOnlyList<CapStanding> Evaluate(
        DayUsage day,
        CapsOptions options,
        IReadOnlyList<DeviceUsage>? month = null,
        IReadOnlyDictionary<string, BudgetUsage>? budgets = null
    ) =>
        Stand(
            CapsInForce(options),
            cap =>
                cap.Scope.Budget is not null ? BudgetDevices(cap, budgets)
                : cap.Period == CapPeriod.Day ? day.Devices
                : month,
            options
        );

    /// <summary>Only the budgets' caps, each against its budget's own usage (<see cref="Evaluate"/> for the rest).</summary>
    public static IReadOnlyList<CapStanding> EvaluateBudgets(CapsOptions options, IReadOnlyDictionary<string, BudgetUsage> budgets) =>
        Stand(CapsInForce(options).Where(c => c.Scope.Budget is not null), cap => BudgetDevices(cap, budgets), options);

    private static IReadOnlyList<DeviceUsage>? BudgetDevices(Cap cap, IReadOnlyDictionary<string, BudgetUsage>? budgets) =>
        budgets?.GetValueOrDefault(cap.Scope.Budget!.Name) is { } own ? (cap.Period == CapPeriod.Day ? own.Day.Devices : own.Month) : null;

    /// <summary>Each cap against the devices <paramref name="usage"/> gives it; a cap given none is left out.</summary>
    private static IReadOnlyList<CapStanding> Stand(
        IEnumerable<Cap> caps,
        Func<Cap, IReadOnlyList<DeviceUsage>?> usage,
        CapsOptions options
    ) =>
        caps.Select(cap => (Cap: cap, Devices: usage(cap)))
            .Where(c => c.Devices is not null)
            .Select(c =>
            {
                var used = c.Devices!.Where(d => c.Cap.Scope.Covers(d.Device))
                    .Sum(d => Counted(d, c.Cap.Metric, options.Basis, options.CountReservedShots));
                return new CapStanding(c.Cap, used, LevelOf(used, c.Cap.Limit, options.WarnAt));
            })
            .ToList();

    /// <summary>Breached once usage exceeds the cap; warned from <paramref name="warnAt"/> of it.</summary>
    public static CapLevel? LevelOf(decimal used, decimal limit, double warnAt) =>
        used > limit ? CapLevel.Breach
        : used > 0 && used >= limit * (decimal)warnAt ? CapLevel.Warning
        : null;

    /// <summary>Every CREATED or QUEUED task in a breached scope, whatever its origin.</summary>
    public static IReadOnlyList<QuantumTaskSummary> QueuedInBreach(
        IEnumerable<CapStanding> standings,
        IEnumerable<QuantumTaskSummary> tasks,
        Func<string, DeviceSummary> describe
    )
    {
        var breached = standings.Where(s => s.Level == CapLevel.Breach).Select(s => s.Cap.Scope).Distinct().ToList();
        return tasks
            .Where(t => t.Status.IsCancellable() && breached.Any(scope => scope.Covers(t, describe(t.DeviceArn))))
            .DistinctBy(t => t.QuantumTaskArn)
            .ToList();
    }

    /// <summary>
    /// The tasks a breach cancels: every CREATED or QUEUED task in a breached scope, but never a
    /// reserved one, nor a hybrid job's under <see cref="JobsMode.Spare"/>. A task of unknown origin is
    /// a candidate: whoever cancels it learns its origin first.
    /// </summary>
    public static IReadOnlyList<QuantumTaskSummary> TasksToCancel(
        IEnumerable<CapStanding> standings,
        IEnumerable<QuantumTaskSummary> tasks,
        Func<string, DeviceSummary> describe,
        JobsMode jobs = JobsMode.Cancel
    ) => QueuedInBreach(standings, tasks, describe).Where(t => Cancellable(t, jobs)).ToList();

    /// <summary>
    /// The hybrid jobs still queued or running whose instances count on the day on a device in a breached
    /// cost cap's scope: under <see cref="JobsMode.Cancel"/> a breach stops them too, queued tasks or not.
    /// </summary>
    public static IReadOnlyList<string> JobsInBreach(IEnumerable<CapStanding> standings, DayUsage day, JobsMode jobs)
    {
        if (jobs != JobsMode.Cancel)
            return [];
        var breached = standings
            .Where(s => s.Level == CapLevel.Breach && s.Cap.Metric == CapMetric.Cost)
            .Select(s => s.Cap.Scope)
            .Distinct()
            .ToList();
        return day
            .Devices.Where(d => breached.Any(scope => scope.Covers(d.Device)))
            .SelectMany(d => d.Instances)
            .Where(i => i.Active)
            .Select(i => i.JobArn)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Whether a queued task is a cap's to cancel by its origin: never when reserved; a job's only under <see
    /// cref="JobsMode.Cancel"/>.</summary>
    public static bool Cancellable(QuantumTaskSummary task, JobsMode jobs) =>
        task.Billing switch
        {
            TaskBilling.Reserved => false,
            TaskBilling.Job => jobs == JobsMode.Cancel,
            _ => true,
        };
}
