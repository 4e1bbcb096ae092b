namespace BraketBot.Tests.Usage;

public sealed class DayUsageTests
{
    private static readonly DayWindow Window = DayWindow.For(new Day(new DateOnly(2022, 4, 10)), TimeZoneInfo.Utc);
    private static readonly Pricing Pricing = new(new PricingOptions());

    private static DeviceSummary Describe(string arn) => Tasks.AllDevices.Single(d => d.DeviceArn == arn);

    [Fact]
    public void Counts_tasks_and_shots_per_status_and_costs_them()
    {
        var at = Window.Start.AddHours(9);
        DayUsage usage = DayUsage.From(
            Window,
            [
                Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Created, 50, at),
                Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 1000, at),
                Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 2000, at),
                Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Running, 100, at),
                Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Completed, 400, at),
                Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Failed, 10, at),
                Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Cancelled, 5000, at),
            ],
            Describe,
            Pricing
        );

        var ankaa = Assert.Single(usage.Devices);
        Assert.Equal(new StatusTally(2, 3000), ankaa[QuantumTaskStatus.Queued]);
        Assert.Equal(new StatusTally(1, 5000), ankaa[QuantumTaskStatus.Cancelled]);
        Assert.Equal(StatusTally.None, ankaa[QuantumTaskStatus.Cancelling]);
        Assert.Equal(7, ankaa.TotalTasks);
        // Ankaa: $0.30 a task + $0.0009 a shot.
        Assert.Equal(2 * 0.30m + 500 * 0.0009m, ankaa.SpentCost);
        Assert.Equal(3 * 0.30m + 3050 * 0.0009m, ankaa.QueuedCost);
        Assert.Equal(new StatusTally(3, 3050), ankaa.Cancellable);
    }

    [Fact]
    public void Leaves_out_other_days_and_counts_each_task_once()
    {
        var task = Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Queued, 100, Window.Start);
        var usage = DayUsage.From(
            Window,
            [
                task,
                task,
                Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Queued, 100, Window.End),
                Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Queued, 100, Window.Start.AddTicks(-1)),
            ],
            Describe,
            Pricing
        );

        Assert.Equal(new StatusTally(1, 100), Assert.Single(usage.Devices)[QuantumTaskStatus.Queued]);
    }

    [Fact]
    public void Orders_devices_costliest_first_and_gives_simulators_no_estimate()
    {
        var at = Window.Start.AddHours(1);
        var usage = DayUsage.From(
            Window,
            [
                Tasks.Task(Tasks.Sv1Arn, QuantumTaskStatus.Completed, 100_000, at),
                Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Completed, 1000, at),
                Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Completed, 1000, at),
            ],
            Describe,
            Pricing
        );

        Assert.Equal(["Forte-1", "Ankaa-3", "SV1"], usage.Devices.Select(d => d.Device.DeviceName));
        Assert.Null(usage.Devices[2].SpentCost);
        Assert.Equal(0.30m + 1000 * 0.08m, usage.Devices[0].SpentCost);
    }
}
