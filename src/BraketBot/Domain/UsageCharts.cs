namespace BraketBot.Domain;

/// <summary>
/// Builds the charts from tasks and daily totals, pure: the hours of a day in the zone (23 or 25 on a
/// change of clocks), stacked by device, or by status for one device; the days of a month with the
/// running total and its projection; the caps of the period that apply to what is shown.
/// </summary>
public static class UsageCharts
{
    /// <summary>More series than this are summed as <see cref="OtherDevices"/> (or <see cref="OtherStatuses"/>): a legend people can
    /// read.</summary>
    public const int MaxSeries = 6;

    public const string OtherDevices = "other devices";

    public const string OtherStatuses = "other statuses";

    /// <summary>
    /// A day's shots and cost per hour. Every device: the tasks that count against the caps, stacked by
    /// device, with the account's daily caps. One device: its tasks stacked by status (what became of
    /// what was created each hour), with its own daily caps; the running total counts what the caps count.
    /// </summary>
    /// <param name="now">Today's running total stops at the hour it is now.</param>
    /// <param name="budget">One team's chart: only its tasks, stacked by device, with its daily caps (no device is given then).</param>
    public static UsageChart Day(
        DayWindow window,
        IEnumerable<QuantumTaskSummary> tasks,
        DeviceSummary? device,
        Func<string, DeviceSummary> describe,
        Pricing pricing,
        CapsOptions caps,
        DateTimeOffset now,
        BudgetScope? budget = null
    )
    {
        var counted = CapPolicy.CountedStatuses(caps.Basis);
        var hours = (int)Math.Round((window.End - window.Start).TotalHours);
        var reached = now >= window.End ? hours : Math.Clamp((int)Math.Ceiling((now - window.Start).TotalHours), 0, hours);
        var inWindow = tasks
            .Where(t => window.Contains(t.CreatedAt) && (device is null || t.DeviceArn == device.DeviceArn))
            .Where(t => budget is null || budget.Covers(t, describe(t.DeviceArn)))
            .DistinctBy(t => t.QuantumTaskArn)
            .ToList();
        var dayTasks = inWindow
            .Where(t => device is not null || counted.Contains(t.Status))
            .Select(t =>
                (Task: t, Device: describe(t.DeviceArn), Hour: Math.Clamp((int)((t.CreatedAt - window.Start).TotalHours), 0, hours - 1))
            )
            .ToList();
        var stacked = dayTasks
            .Select(t =>
                (
                    Series: device is null ? t.Device.DeviceName : t.Task.Status.ToWire(),
                    Shots: (double)t.Task.Shots,
                    Cost: (double)(pricing.CostOf(t.Task, t.Device) ?? 0),
                    t.Hour,
                    Counted: counted.Contains(t.Task.Status)
                )
            )
            .ToList();
        var series = Series(stacked.Select(s => (s.Series, s.Shots, s.Cost)), device is null ? OtherDevices : OtherStatuses);

        var labels = Enumerable
            .Range(0, hours)
            .Select(h =>
                TimeZoneInfo
                    .ConvertTime(window.Start.AddHours(h), window.TimeZone)
                    .Hour.ToString("00", System.Globalization.CultureInfo.InvariantCulture)
            )
            .ToList();
        var dayCaps = CapPolicy.CapsInForce(caps).Where(c => c.Period == CapPeriod.Day && Applies(c.Scope, device, budget)).ToList();
        return new UsageChart(
            $"Braket usage of {Scope(device, budget)} on {window.Day} ({window.TimeZone.Id})",
            $"hour ({window.TimeZone.Id})",
            labels,
            [
                Panel(
                    "Shots per hour",
                    "shots",
                    stacked.Select(s => (s.Series, s.Hour, s.Shots, s.Counted)),
                    series,
                    hours,
                    reached,
                    CapMetric.Shots,
                    dayCaps,
                    device
                ),
                Panel(
                    "Estimated cost per hour",
                    "USD",
                    stacked.Select(s => (s.Series, s.Hour, s.Cost, s.Counted)),
                    series,
                    hours,
                    reached,
                    CapMetric.Cost,
                    dayCaps,
                    device
                ),
            ]
        )
        {
            FileName = $"braket-{window.Day}{FileSuffix(device, budget)}.png",
            UncountedTasks = inWindow.Count - dayTasks.Count,
        };
    }

    /// <summary>
    /// A month's daily totals, stacked by device (of one device when given), with the running total to
    /// today, its projection to the month's end at the pace so far, and the monthly caps.
    /// </summary>
    /// <param name="budget">One team's chart: <paramref name="usage"/> is its own, drawn with its monthly caps (and no device).</param>
    public static UsageChart Month(
        MonthUsage usage,
        DeviceSummary? device,
        CapsOptions caps,
        DateTimeOffset now,
        BudgetScope? budget = null
    )
    {
        var length = usage.Month.Length;
        var points = usage
            .Days.SelectMany(
                (day, index) =>
                    day
                        .Devices.Where(d => device is null || d.Device.DeviceArn == device.DeviceArn)
                        .Select(d =>
                            (
                                Series: d.Device.DeviceName,
                                Day: index,
                                Shots: (double)CapPolicy.Counted(d, CapMetric.Shots, caps.Basis),
                                Cost: (double)CapPolicy.Counted(d, CapMetric.Cost, caps.Basis)
                            )
                        )
            )
            .ToList();
        var zone = usage.Days.Count > 0 ? usage.Days[0].Window.TimeZone : caps.Zone;
        var current = usage.Days.Count > 0 && Domain.Day.Of(now, zone) <= usage.Month.Last;
        var projected = current ? length : usage.Days.Count;
        var monthCaps = CapPolicy.CapsInForce(caps).Where(c => c.Period == CapPeriod.Month && Applies(c.Scope, device, budget)).ToList();
        var series = Series(points.Select(p => (p.Series, p.Shots, p.Cost)), OtherDevices);
        return new UsageChart(
            $"Braket usage of {Scope(device, budget)} in {usage.Month} ({zone.Id})",
            $"day of {usage.Month} ({zone.Id})",
            Enumerable.Range(1, length).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(),
            [
                Panel(
                    "Shots per day",
                    "shots",
                    points.Select(p => (p.Series, p.Day, p.Shots, true)),
                    series,
                    length,
                    usage.Days.Count,
                    CapMetric.Shots,
                    monthCaps,
                    device,
                    current ? usage.Fraction(now) : null
                ),
                Panel(
                    "Estimated cost per day",
                    "USD",
                    points.Select(p => (p.Series, p.Day, p.Cost, true)),
                    series,
                    length,
                    usage.Days.Count,
                    CapMetric.Cost,
                    monthCaps,
                    device,
                    current ? usage.Fraction(now) : null
                ),
            ]
        )
        {
            FileName = $"braket-{usage.Month}{FileSuffix(device, budget)}.png",
        };
    }

    /// <summary>A chart of every device shows the account's caps; a device's chart shows that device's; a budget's, the budget's.</summary>
    private static bool Applies(CapScope scope, DeviceSummary? device, BudgetScope? budget) =>
        budget is not null ? Equals(scope.Budget, budget)
        : device is null ? scope.IsAccount
        : scope.Device is not null && scope.Covers(device);

    private static string Scope(DeviceSummary? device, BudgetScope? budget) => budget?.Describe() ?? device?.DeviceName ?? "every device";

    private static string FileSuffix(DeviceSummary? device, BudgetScope? budget) =>
        budget is not null ? "-budget-" + budget.Name
        : device is null ? ""
        : "-" + device.DeviceName;

    /// <summary>The series that keep a colour of their own, most shots (then cost) first, and what the rest are summed as.</summary>
    private sealed record StackedSeries(List<string> Kept, string Other)
    {
        public string Of(string series) => Kept.Contains(series) ? series : Other;

        public int Order(string stack) => stack == Other ? int.MaxValue : Kept.IndexOf(stack);
    }

    /// <summary>Chosen once per chart, so that every panel stacks the same series under the one legend.</summary>
    private static StackedSeries Series(IEnumerable<(string Series, double Shots, double Cost)> points, string other)
    {
        var ranked = points
            .GroupBy(p => p.Series)
            .OrderByDescending(g => g.Sum(p => p.Shots))
            .ThenByDescending(g => g.Sum(p => p.Cost))
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key)
            .ToList();
        return new StackedSeries(ranked.Count <= MaxSeries ? ranked : ranked.Take(MaxSeries - 1).ToList(), other);
    }

    /// <param name="reached">How many buckets the running total covers (today's hour counts whole).</param>
    /// <param name="gone">The part of the period gone by, to project the total from; null: no projection.</param>
    private static ChartPanel Panel(
        string title,
        string unit,
        IEnumerable<(string Series, int Bucket, double Value, bool Counted)> points,
        StackedSeries series,
        int buckets,
        int reached,
        CapMetric metric,
        IReadOnlyList<Cap> caps,
        DeviceSummary? device,
        double? gone = null
    )
    {
        var list = points.ToList();
        var stacks = list.GroupBy(p => series.Of(p.Series))
            .OrderBy(g => series.Order(g.Key))
            .Select(g => new ChartSeries(g.Key, Buckets(g.Select(p => (p.Bucket, p.Value)), buckets)))
            .ToList();
        var perBucket = Buckets(list.Where(p => p.Counted).Select(p => (p.Bucket, p.Value)), buckets);
        var running = new List<double> { 0 };
        for (var i = 0; i < reached; i++)
            running.Add(running[^1] + perBucket[i]);
        var projection =
            gone is { } part && part > 0 && reached < buckets
                ? Enumerable
                    .Range(reached, buckets - reached + 1)
                    .Select(i => running[^1] + (running[^1] / part - running[^1]) * (i - reached) / (buckets - reached))
                    .ToList()
                : [];
        var capLines = caps.Where(c => c.Metric == metric)
            .Select(c => new ChartCap(
                device is null && c.Scope.IsAccount ? $"{Period(c)} cap" : $"{c.Scope.Describe()} {Period(c)} cap",
                (double)c.Limit
            ))
            .ToList();
        return new ChartPanel(title, unit, stacks, running, projection, capLines);
    }

    private static string Period(Cap cap) => cap.Period == CapPeriod.Month ? "monthly" : "daily";

    private static IReadOnlyList<double> Buckets(IEnumerable<(int Bucket, double Value)> values, int buckets)
    {
        var sums = new double[buckets];
        foreach (var (bucket, value) in values)
            sums[bucket] += value;
        return sums;
    }
}
