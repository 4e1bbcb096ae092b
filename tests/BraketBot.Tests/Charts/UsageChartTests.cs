using BraketBot.Charts;

namespace BraketBot.Tests.Charts;

/// <summary>What a chart shows, before anything is drawn: the buckets, the stacks, the running total, the projection, the caps.</summary>
public sealed class UsageChartTests
{
    private static readonly TimeZoneInfo Zurich = TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich");
    private static readonly Pricing Pricing = new(new PricingOptions());

    private static DeviceSummary Describe(string arn) => Tasks.AllDevices.First(d => d.DeviceArn == arn);

    private static CapsOptions Caps(CapBasis basis = CapBasis.Day) =>
        new()
        {
            TimeZone = "Europe/Zurich",
            MaxShotsPerDay = 5000,
            MaxCostPerMonth = 900,
            Basis = basis,
            Devices = new(StringComparer.OrdinalIgnoreCase) { ["Ankaa-3"] = new DeviceCaps { MaxShotsPerDay = 2000 } },
        };

    /// <summary>The chart of 2026-11-27 in UTC, over, with these tasks created at 10:00.</summary>
    private static UsageChart TenOClock(DeviceSummary? device, params (string Device, QuantumTaskStatus Status, long Shots)[] tasks)
    {
        var window = new Day(new DateOnly(2026, 11, 27)).Window(TimeZoneInfo.Utc);
        return UsageCharts.Day(
            window,
            tasks.Select(t => Tasks.Task(t.Device, t.Status, t.Shots, window.Start.AddHours(10))),
            device,
            Describe,
            Pricing,
            Caps(),
            window.End
        );
    }

    [Fact]
    public void A_days_hours_are_the_zones_and_a_task_counts_in_the_hour_it_was_created_there()
    {
        var window = new Day(new DateOnly(2026, 11, 27)).Window(Zurich); // UTC+1
        var task = Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Completed, 700, new DateTimeOffset(2026, 11, 27, 8, 30, 0, TimeSpan.Zero));

        var chart = UsageCharts.Day(window, [task], null, Describe, Pricing, Caps(), window.End);

        Assert.Equal(24, chart.BucketLabels.Count);
        Assert.Equal("00", chart.BucketLabels[0]);
        var shots = chart.Panels[0];
        Assert.Equal(700, Assert.Single(shots.Stacks).Values[9]); // 09:30 in Zurich
        Assert.Equal("hour (Europe/Zurich)", chart.BucketAxis);
        Assert.Contains("2026-11-27 (Europe/Zurich)", chart.Title);
    }

    [Fact]
    public void The_day_the_clocks_go_back_has_25_hours_and_the_one_they_go_forward_23()
    {
        Assert.Equal(
            25,
            UsageCharts
                .Day(new Day(new DateOnly(2026, 10, 25)).Window(Zurich), [], null, Describe, Pricing, Caps(), DateTimeOffset.MaxValue)
                .BucketLabels.Count
        );
        Assert.Equal(
            23,
            UsageCharts
                .Day(new Day(new DateOnly(2026, 3, 29)).Window(Zurich), [], null, Describe, Pricing, Caps(), DateTimeOffset.MaxValue)
                .BucketLabels.Count
        );
    }

    [Fact]
    public void Every_device_is_stacked_by_device_with_what_counts_and_the_accounts_caps()
    {
        var chart = TenOClock(
            null,
            (Tasks.AnkaaArn, QuantumTaskStatus.Completed, 1000),
            (Tasks.ForteArn, QuantumTaskStatus.Queued, 100),
            (Tasks.ForteArn, QuantumTaskStatus.Cancelled, 9999)
        ); // costs nothing, counts against no cap

        var shots = chart.Panels[0];
        Assert.Equal(["Ankaa-3", "Forte-1"], shots.Stacks.Select(s => s.Name));
        Assert.Equal(1100, shots.RunningTotal[^1]);
        Assert.Equal([new ChartCap("daily cap", 5000)], shots.Caps);
        Assert.Empty(chart.Panels[1].Caps); // no daily cost cap
    }

    [Fact]
    public void One_device_is_stacked_by_status_with_its_own_caps_and_a_total_of_what_counts()
    {
        var chart = TenOClock(
            Tasks.Ankaa,
            (Tasks.AnkaaArn, QuantumTaskStatus.Completed, 1000),
            (Tasks.AnkaaArn, QuantumTaskStatus.Cancelled, 300),
            (Tasks.ForteArn, QuantumTaskStatus.Queued, 100)
        );

        var shots = chart.Panels[0];
        Assert.Equal(["COMPLETED", "CANCELLED"], shots.Stacks.Select(s => s.Name));
        Assert.Equal(1000, shots.RunningTotal[^1]); // a cancelled task counts against no cap
        Assert.Equal([new ChartCap("Ankaa-3 daily cap", 2000)], shots.Caps);
        Assert.Contains("Ankaa-3", chart.Title);
        Assert.Equal("braket-2026-11-27-Ankaa-3.png", chart.FileName);
    }

    [Fact]
    public void Todays_running_total_stops_at_the_hour_it_is_now()
    {
        var window = new Day(new DateOnly(2026, 11, 27)).Window(TimeZoneInfo.Utc);

        var chart = UsageCharts.Day(
            window,
            [Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 10, window.Start.AddHours(1))],
            null,
            Describe,
            Pricing,
            Caps(),
            window.Start.AddHours(5.5)
        );

        Assert.Equal(7, chart.Panels[0].RunningTotal.Count); // 0, then the ends of hours 0 to 5
        Assert.Empty(chart.Panels[0].Projection);
    }

    [Fact]
    public void More_devices_than_a_legend_holds_are_summed_as_other_devices()
    {
        var window = new Day(new DateOnly(2026, 11, 27)).Window(TimeZoneInfo.Utc);
        var tasks = Enumerable
            .Range(1, 8)
            .Select(i => Tasks.Task($"arn:aws:braket:us-west-1::device/qpu/acme/Q{i}", QuantumTaskStatus.Completed, i * 100, window.Start))
            .ToList();

        var chart = UsageCharts.Day(
            window,
            tasks,
            null,
            arn => DeviceArn.TryParse(arn, out var parsed) ? DeviceSummary.FromArn(parsed) : throw new ArgumentException(arn),
            Pricing,
            Caps(),
            window.End
        );

        var names = chart.Panels[0].Stacks.Select(s => s.Name).ToList();
        Assert.Equal(UsageCharts.MaxSeries, names.Count);
        Assert.Equal(["Q8", "Q7", "Q6", "Q5", "Q4", UsageCharts.OtherDevices], names);
        Assert.Equal(100 + 200 + 300, chart.Panels[0].Stacks[^1].Values[0]);
    }

    [Fact]
    public void One_devices_statuses_beyond_a_legend_are_other_statuses_and_both_panels_stack_the_same_series()
    {
        // Every status of one device: seven series for a legend of six. QUEUED has the fewest shots but,
        // in many tasks, the most cost: ranked per panel, the two panels would keep different statuses.
        var window = new Day(new DateOnly(2026, 11, 27)).Window(TimeZoneInfo.Utc);
        var shots = new Dictionary<QuantumTaskStatus, long>
        {
            [QuantumTaskStatus.Created] = 700,
            [QuantumTaskStatus.Running] = 600,
            [QuantumTaskStatus.Completed] = 500,
            [QuantumTaskStatus.Failed] = 400,
            [QuantumTaskStatus.Cancelling] = 300,
            [QuantumTaskStatus.Cancelled] = 200,
        };
        var tasks = shots
            .Select(s => Tasks.Task(Tasks.AnkaaArn, s.Key, s.Value, window.Start))
            .Concat(Tasks.Many(50, Tasks.AnkaaArn, QuantumTaskStatus.Queued, 1, window.Start))
            .ToList();

        var chart = UsageCharts.Day(window, tasks, Describe(Tasks.AnkaaArn), Describe, Pricing, Caps(), window.End);

        var series = chart.Panels.Select(p => p.Stacks.Select(s => s.Name).ToList()).ToList();
        Assert.Equal(["CREATED", "RUNNING", "COMPLETED", "FAILED", "CANCELLING", UsageCharts.OtherStatuses], series[0]);
        Assert.Equal(series[0], series[1]);
        Assert.Equal(chart.SeriesNames, series[0]);
    }

    [Fact]
    public void A_day_whose_tasks_all_ended_cancelled_or_failed_is_empty_but_not_a_day_without_tasks()
    {
        var chart = TenOClock(null, (Tasks.AnkaaArn, QuantumTaskStatus.Cancelled, 1000), (Tasks.ForteArn, QuantumTaskStatus.Failed, 100));

        Assert.True(chart.IsEmpty);
        Assert.Equal(2, chart.UncountedTasks);
        Assert.Contains("2 tasks, none of them counted against the caps", ChartView.Empty(chart));
        Assert.Contains("no tasks", ChartView.Empty(TenOClock(null)));
    }

    [Fact]
    public void A_months_chart_projects_the_total_to_the_months_end_at_the_pace_so_far()
    {
        var month = new Month(2026, 11);
        var days = month
            .Days.Take(10)
            .Select(d =>
                DayUsage.From(
                    d.Window(TimeZoneInfo.Utc),
                    [Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Completed, 1000, d.Window(TimeZoneInfo.Utc).Start)],
                    Describe,
                    Pricing
                )
            )
            .ToList();
        var usage = new MonthUsage(month, days, []);
        var now = month.First.Window(TimeZoneInfo.Utc).Start.AddDays(10); // a third of November gone

        var chart = UsageCharts.Month(usage, null, Caps() with { TimeZone = "UTC" }, now);

        var shots = chart.Panels[0];
        Assert.Equal(30, chart.BucketLabels.Count);
        Assert.Equal(10_000, shots.RunningTotal[^1]);
        Assert.Equal(21, shots.Projection.Count); // from the end of day 10 to the end of day 30
        Assert.Equal(30_000, shots.Projection[^1], precision: 6);
        Assert.Equal([new ChartCap("monthly cap", 900)], chart.Panels[1].Caps);
        Assert.Contains("in 2026-11", chart.Title);
    }

    [Fact]
    public void A_past_months_chart_has_no_projection()
    {
        var month = new Month(2026, 10);
        var usage = new MonthUsage(month, month.Days.Select(d => new DayUsage(d.Window(TimeZoneInfo.Utc), [])).ToList(), []);

        var chart = UsageCharts.Month(
            usage,
            null,
            Caps() with
            {
                TimeZone = "UTC",
            },
            new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero)
        );

        Assert.All(chart.Panels, p => Assert.Empty(p.Projection));
        Assert.True(chart.IsEmpty);
    }
}
