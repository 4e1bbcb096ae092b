namespace BraketBot.Tests.Caps;

public sealed class CapPolicyTests
{
    private static readonly DayWindow Window = DayWindow.For(new Day(new DateOnly(2022, 4, 10)), TimeZoneInfo.Utc);
    private static readonly DateTimeOffset At = Window.Start.AddHours(1);

    private static DeviceSummary Describe(string arn) => Tasks.AllDevices.Single(d => d.DeviceArn == arn);

    private static DayUsage Usage(params QuantumTaskSummary[] tasks) =>
        DayUsage.From(Window, tasks, Describe, new Pricing(new PricingOptions()));

    [Theory]
    [InlineData(0, null)]
    [InlineData(799, null)]
    [InlineData(800, CapLevel.Warning)]
    [InlineData(1000, CapLevel.Warning)]
    [InlineData(1001, CapLevel.Breach)]
    public void Warns_from_the_warning_level_and_breaches_above_the_cap(int used, CapLevel? level) =>
        Assert.Equal(level, CapPolicy.LevelOf(used, 1000, 0.8));

    [Fact]
    public void A_zero_cap_is_breached_by_any_use() => Assert.Equal(CapLevel.Breach, CapPolicy.LevelOf(1, 0, 0.8));

    [Fact]
    public void Lists_account_then_device_caps()
    {
        var caps = CapPolicy.CapsInForce(
            new CapsOptions
            {
                MaxShotsPerDay = 10_000,
                Devices =
                {
                    ["Garnet"] = new DeviceCaps { MaxCostPerDay = 50 },
                    ["Aspen-M-1"] = new DeviceCaps { MaxShotsPerDay = 5, MaxCostPerDay = 1 },
                },
            }
        );

        Assert.Equal(
            ["account Shots 10000", "device:aspen-m-1 Shots 5", "device:aspen-m-1 Cost 1", "device:garnet Cost 50"],
            caps.Select(c => $"{c.Scope.Key} {c.Metric} {c.Limit}")
        );
    }

    [Fact]
    public void The_day_basis_counts_what_can_still_cost_money_and_the_queued_basis_only_queued()
    {
        var usage = Usage(
            Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Created, 1, At),
            Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 10, At),
            Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Running, 100, At),
            Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Completed, 1000, At),
            Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Failed, 10_000, At),
            Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Cancelled, 100_000, At)
        );
        var ankaa = usage.Devices.Single();

        Assert.Equal(1111, CapPolicy.Counted(ankaa, CapMetric.Shots, CapBasis.Day));
        Assert.Equal(10, CapPolicy.Counted(ankaa, CapMetric.Shots, CapBasis.Queued));
        Assert.Equal(4 * 0.30m + 1111 * 0.0009m, CapPolicy.Counted(ankaa, CapMetric.Cost, CapBasis.Day));
    }

    [Fact]
    public void Account_caps_add_up_every_device_and_device_caps_only_their_own()
    {
        var usage = Usage(
            Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 600, At),
            Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Queued, 600, At)
        );
        var options = new CapsOptions { MaxShotsPerDay = 1000, Devices = { ["forte-1"] = new DeviceCaps { MaxShotsPerDay = 1000 } } };

        var standings = CapPolicy.Evaluate(usage, options);

        Assert.Equal((1200m, CapLevel.Breach), (standings[0].Used, standings[0].Level));
        Assert.Equal((600m, (CapLevel?)null), (standings[1].Used, standings[1].Level));
    }

    [Fact]
    public void A_breach_cancels_only_queued_or_created_tasks_in_its_scope()
    {
        var ankaaQueued = Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 600, At);
        var ankaaCreated = Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Created, 600, At);
        var ankaaRunning = Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Running, 600, At);
        var forteQueued = Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Queued, 600, At);
        QuantumTaskSummary[] tasks = [ankaaQueued, ankaaCreated, ankaaRunning, forteQueued];
        var breach = new CapStanding(new Cap(new CapScope("Ankaa-3"), CapMetric.Shots, 1), 1800, CapLevel.Breach);
        var warning = new CapStanding(new Cap(CapScope.Account, CapMetric.Shots, 2500), 2400, CapLevel.Warning);

        var toCancel = CapPolicy.TasksToCancel([breach, warning], tasks, Describe);

        Assert.Equal([ankaaQueued, ankaaCreated], toCancel);
        Assert.Equal(
            4 - 1,
            CapPolicy.TasksToCancel([breach with { Cap = breach.Cap with { Scope = CapScope.Account } }], tasks, Describe).Count
        );
    }

    [Fact]
    public void Monthly_caps_are_judged_on_the_month_and_left_out_without_one()
    {
        var today = Usage(Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 100, At));
        var month = DayUsage
            .From(Window, [Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Completed, 5000, At)], Describe, new Pricing(new PricingOptions()))
            .Devices;
        var options = new CapsOptions { MaxShotsPerDay = 1000, Devices = { ["Ankaa-3"] = new DeviceCaps { MaxShotsPerMonth = 4000 } } };

        var standings = CapPolicy.Evaluate(today, options, month);

        Assert.Equal(
            ["account Day 100 ", "device:ankaa-3 Month 5000 Breach"],
            standings.Select(s => $"{s.Cap.Scope.Key} {s.Cap.Period} {s.Used} {s.Level}")
        );
        Assert.Single(CapPolicy.Evaluate(today, options));
        Assert.True(options.HasMonthCaps);
        Assert.True(new CapsOptions { MaxCostPerMonth = 1 }.HasAccountCap);
    }
}
