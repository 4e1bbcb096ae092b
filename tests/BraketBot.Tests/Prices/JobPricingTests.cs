using System.Text;
using BraketBot.Prices;
using BraketBot.Tests.Support;

namespace BraketBot.Tests.Prices;

/// <summary>
/// The pure pricing of hybrid jobs and reservations: instance minutes from the price book (the dated
/// built-in table only before a list is read), job tasks at the job families, a job's instances spread
/// over the days they ran and counted against cost caps, reserved tasks by reservation.
/// </summary>
public sealed class JobPricingTests
{
    private static readonly DateTimeOffset ReadAt = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);
    private static readonly DayWindow April10 = Day.Parse("2022-04-10").Window(TimeZoneInfo.Utc);
    private const string JobArn = "arn:aws:braket:us-east-1:111122223333:job/vqe";

    private static readonly IReadOnlyList<OfferRow> Rows =
    [
        .. OfferRow.Qpu("us-east-1", "Forte-1", 0.08m),
        OfferRow.JobShot("us-east-1", "Forte-Enterprise-1", 0.05m),
        OfferRow.JobTask("us-east-1", "Forte-Enterprise-1", 0.25m),
        OfferRow.Shot("us-east-1", "Forte-Enterprise-1", 0.08m),
        OfferRow.Task("us-east-1", "Forte-Enterprise-1"),
        OfferRow.Instance("us-east-1", "ml.m5.large", 0.002m),
    ];

    private static readonly DeviceSummary Enterprise = new(
        "arn:aws:braket:us-east-1::device/qpu/ionq/Forte-Enterprise-1",
        "Forte Enterprise 1",
        "IonQ",
        "QPU",
        "ONLINE"
    );

    private static Pricing Book() =>
        new(
            new PricingOptions(),
            OfferFile.Parse(new MemoryStream(Encoding.UTF8.GetBytes(OfferFiles.Build(OfferFiles.Published, Rows))), ReadAt)
        );

    private static HybridJob Job(DateTimeOffset started, int minutes, string type = "ml.m5.large", int count = 1) =>
        new(JobArn, "vqe", "RUNNING", Enterprise.DeviceArn, type, count, started, started, null, TimeSpan.FromMinutes(minutes));

    [Fact]
    public void Instance_minutes_come_from_the_list_and_from_the_built_in_table_only_before_a_list_is_read()
    {
        var book = Book();
        var builtIn = new Pricing(new PricingOptions());

        Assert.Equal(0.002m, book.InstancePerMinute("us-east-1", "ml.m5.large"));
        Assert.Null(book.InstancePerMinute("us-east-1", "ml.p3.2xlarge")); // not on this list: not priced, not the table's
        Assert.Equal(0.00128m, builtIn.InstancePerMinute("us-east-1", "ml.m5.large"));
        Assert.Equal(0.00128m, builtIn.InstancePerMinute("eu-north-1", "ml.m5.large"));
        Assert.Equal(0.12m, Job(April10.Start, 60).InstanceCost(book, April10.End)); // 60 × $0.002
        Assert.Equal(0.2304m, Job(April10.Start, 60, count: 3).InstanceCost(builtIn, April10.End)); // 60 × 3 × $0.00128
    }

    [Fact]
    public void A_task_is_priced_as_billed_job_tasks_at_the_job_families_reserved_ones_at_nothing()
    {
        var book = Book();
        var task = Tasks.Task(Enterprise.DeviceArn, QuantumTaskStatus.Completed, 100, April10.Start);

        Assert.Equal(
            TrackerRule.QpuTaskCost(Rows, task.QuantumTaskArn, Enterprise.DeviceArn, 100, "COMPLETED"),
            book.CostOf(task with { Origin = TaskOrigin.OnDemand }, Enterprise)
        ); // $8.30
        Assert.Equal(
            TrackerRule.QpuTaskCost(Rows, task.QuantumTaskArn, Enterprise.DeviceArn, 100, "COMPLETED", jobTask: true),
            book.CostOf(task with { Origin = new TaskOrigin(null, JobArn) }, Enterprise)
        ); // $5.25
        Assert.Equal(0m, book.CostOf(task with { Origin = new TaskOrigin("arn:r", JobArn) }, Enterprise));
    }

    [Fact]
    public void A_days_usage_prices_its_job_tasks_at_the_job_price_and_counts_instances_against_cost_caps()
    {
        var book = Book();
        var at = April10.Start.AddHours(9);
        var onDemand = Tasks.Task(Enterprise.DeviceArn, QuantumTaskStatus.Completed, 100, at) with { Origin = TaskOrigin.OnDemand };
        var ofJob = Tasks.Task(Enterprise.DeviceArn, QuantumTaskStatus.Queued, 100, at) with { Origin = new TaskOrigin(null, JobArn) };
        var usage = DayUsage
            .From(April10, [onDemand, ofJob], _ => Enterprise, book)
            .WithInstances([(Enterprise, new JobInstanceCost(JobArn, 1.5m, Active: true))], book);
        var device = usage.Devices.Single();

        Assert.Equal(8.30m, device.SpentCost);
        Assert.Equal(5.25m, device.QueuedCost);
        Assert.Equal(8.30m + 5.25m + 1.5m, device.EstimatedCost);
        Assert.Equal(15.05m, CapPolicy.Counted(device, CapMetric.Cost, CapBasis.Day));
        Assert.Equal(5.25m, CapPolicy.Counted(device, CapMetric.Cost, CapBasis.Queued)); // instances are spent, never queued
        Assert.Equal(200m, CapPolicy.Counted(device, CapMetric.Shots, CapBasis.Day));
    }

    [Fact]
    public void Instances_appear_on_a_device_without_tasks_that_day_and_a_breach_of_its_cost_cap_names_the_running_job()
    {
        var book = Book();
        var usage = DayUsage
            .From(April10, [], _ => Enterprise, book)
            .WithInstances(
                [
                    (Enterprise, new JobInstanceCost(JobArn, 30m, Active: true)),
                    (Enterprise, new JobInstanceCost("arn:ended", 5m, Active: false)),
                ],
                book
            );
        var caps = new CapsOptions { Devices = { ["Forte Enterprise 1"] = new DeviceCaps { MaxCostPerDay = 20 } } };
        var standings = CapPolicy.Evaluate(usage, caps);

        Assert.Equal(35m, Assert.Single(standings).Used);
        Assert.Equal([JobArn], CapPolicy.JobsInBreach(standings, usage, JobsMode.Cancel));
        Assert.Empty(CapPolicy.JobsInBreach(standings, usage, JobsMode.Spare));
        Assert.Empty(CapPolicy.JobsInBreach(CapPolicy.Evaluate(usage, new CapsOptions { MaxShotsPerDay = 1 }), usage, JobsMode.Cancel));
    }

    [Fact]
    public void A_jobs_minutes_are_each_counted_on_one_day_so_its_days_add_up_to_its_whole_cost()
    {
        var book = Book();
        var job = Job(April10.Start.AddHours(-1), 13 * 60); // 23:00 the day before, to 12:00
        var now = April10.Start.AddHours(12);
        var april9 = Day.Parse("2022-04-09").Window(TimeZoneInfo.Utc);
        var april11 = Day.Parse("2022-04-11").Window(TimeZoneInfo.Utc);

        Assert.Equal(0.12m, job.InstanceCostIn(april9, book, now));
        Assert.Equal(1.44m, job.InstanceCostIn(April10, book, now));
        Assert.Equal(0m, job.InstanceCostIn(april11, book, now));
        Assert.Equal(job.InstanceCost(book, now), job.InstanceCostIn(april9, book, now) + job.InstanceCostIn(April10, book, now));

        IReadOnlyList<DeviceUsage> OneDay(DayWindow window, decimal cost) =>
            DayUsage
                .From(window, [], _ => Enterprise, book)
                .WithInstances([(Enterprise, new JobInstanceCost(JobArn, cost, true))], book)
                .Devices;
        var month = DeviceUsage.Sum([.. OneDay(april9, 0.12m), .. OneDay(April10, 1.44m)]);
        Assert.Equal(1.56m, Assert.Single(month).InstanceCost);
    }

    [Fact]
    public void Reserved_tasks_are_told_by_device_and_reservation()
    {
        var at = April10.Start;
        QuantumTaskSummary Reserved(string reservation, QuantumTaskStatus status, long shots) =>
            Tasks.Task(Enterprise.DeviceArn, status, shots, at) with
            {
                Origin = new TaskOrigin(reservation, null),
            };

        var told = ReservationUsage.Of([
            Reserved("arn:r2", QuantumTaskStatus.Queued, 10),
            Reserved("arn:r1", QuantumTaskStatus.Completed, 100),
            Reserved("arn:r1", QuantumTaskStatus.Queued, 5),
            Tasks.Task(Enterprise.DeviceArn, QuantumTaskStatus.Queued, 7, at),
        ]);

        Assert.Equal(
            [
                new ReservationUsage(Enterprise.DeviceArn, "arn:r1", 2, 105, 1),
                new ReservationUsage(Enterprise.DeviceArn, "arn:r2", 1, 10, 1),
            ],
            told
        );
    }
}
