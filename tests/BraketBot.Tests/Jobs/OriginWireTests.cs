using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace BraketBot.Tests.Jobs;

/// <summary>GetQuantumTask's associations and jobArn, GetJob and CancelJob, read from the wire samples as Braket sends them.</summary>
public sealed class OriginWireTests : IDisposable
{
    private static readonly JsonElement Samples = JsonDocument
        .Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "braket-reservations-and-jobs.json")))
        .RootElement;

    private readonly WireMockServer server = WireMockServer.Start();

    public void Dispose() => server.Stop();

    private IBraketApi Client() => BraketServices.Create(new Uri(server.Urls[0] + "/")).GetRequiredService<IBraketApi>();

    private void Serve(string method, string path, string body) =>
        server
            .Given(Request.Create().UsingMethod(method).WithPath(path))
            .RespondWith(Response.Create().WithStatusCode(HttpStatusCode.OK).WithHeader("Content-Type", "application/json").WithBody(body));

    private static string Sample(string name) => Samples.GetProperty(name).GetRawText();

    [Fact]
    public async Task A_reserved_task_carries_its_reservation_and_a_jobs_task_its_job()
    {
        var reservedJson = Samples.GetProperty("reserved_task (GetQuantumTask)");
        var jobJson = Samples.GetProperty("hybrid_job_task (GetQuantumTask)");
        var reservedArn = reservedJson.GetProperty("quantumTaskArn").GetString()!;
        var jobTaskArn = jobJson.GetProperty("quantumTaskArn").GetString()!;
        Serve("GET", "/quantum-task/" + reservedArn, reservedJson.GetRawText());
        Serve("GET", "/quantum-task/" + jobTaskArn, jobJson.GetRawText());
        QuantumTaskArn.TryParse(reservedArn, out var reserved);
        QuantumTaskArn.TryParse(jobTaskArn, out var ofJob);

        var first = (await Client().GetQuantumTaskAsync(reserved!, default)).Value!;
        var second = (await Client().GetQuantumTaskAsync(ofJob!, default)).Value!;

        Assert.Equal(TaskBilling.Reserved, first.Billing);
        Assert.Equal(
            "arn:aws:braket:eu-north-1:123456789012:reservation/7c1c5b2e-5d7e-4f0e-9a43-2b1d3f0c9e11",
            first.Origin!.ReservationArn
        );
        Assert.Equal(TaskBilling.Job, second.Billing);
        Assert.Equal("arn:aws:braket:us-east-1:123456789012:job/vqe-h2", second.Origin!.JobArn);
    }

    [Fact]
    public async Task A_job_reads_with_its_instance_and_billable_minutes_and_cancels()
    {
        const string arn = "arn:aws:braket:us-east-1:123456789012:job/vqe-h2";
        Serve("GET", "/job/" + arn, Sample("GetJob"));
        Serve("PUT", "/job/" + arn + "/cancel", $$"""{"jobArn":"{{arn}}","cancellationStatus":"CANCELLING"}""");
        HybridJobArn.TryParse(arn, out var jobArn);

        var job = (await Client().GetJobAsync(jobArn!, default)).Value!;
        var cancelled = await Client().CancelJobAsync(jobArn!, default);

        Assert.Equal(("vqe-h2", "RUNNING", "ml.m5.large", 1), (job.JobName, job.Status, job.InstanceType, job.InstanceCount));
        Assert.Equal(31m, job.Minutes(DateTimeOffset.UnixEpoch)); // billableDuration 1,860,000 ms
        var builtIn = new Pricing(new PricingOptions());
        Assert.Equal(0.0397m, job.InstanceCost(builtIn, DateTimeOffset.UnixEpoch)); // 31 × $0.00128 (the built-in table)
        Assert.Equal(CancellationStatus.Cancelling, cancelled.Value);
    }

    [Fact]
    public void The_ledger_keeps_an_origin_once_learnt_and_moves_the_task_to_its_billing_in_the_totals()
    {
        var day = Day.Parse("2022-04-10");
        var at = new DateTimeOffset(2022, 4, 10, 9, 0, 0, TimeSpan.Zero);
        var task = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 100, at);
        var row = new LedgerTask(task, day, at);
        var reserved = new TaskOrigin("arn:aws:braket:us-west-1:111122223333:reservation/r", null);

        var learnt = Ledger
            .MergeAll(
                new Dictionary<string, LedgerTask> { [task.QuantumTaskArn] = row },
                [new LedgerTask(task with { Origin = reserved }, day, at.AddMinutes(1))]
            )
            .Single();
        var later = Ledger.Merge(learnt.After, new LedgerTask(task with { Status = QuantumTaskStatus.Completed }, day, at.AddMinutes(5)));

        Assert.Equal(QuantumTaskStatus.Queued, learnt.After!.Task.Status);
        Assert.Equal(
            [
                new DayTally(day, Tasks.AspenArn, QuantumTaskStatus.Queued, new StatusTally(-1, -100)),
                new DayTally(day, Tasks.AspenArn, QuantumTaskStatus.Queued, new StatusTally(1, 100), TaskBilling.Reserved),
            ],
            Ledger.TotalDeltas([learnt])
        );
        Assert.Equal(reserved, later!.Task.Origin); // news without an origin keeps the one learnt
        Assert.Null(Ledger.Merge(learnt.After, new LedgerTask(task with { Origin = reserved }, day, at.AddMinutes(2)))); // nothing new
    }

    [Fact]
    public void Reserved_tasks_cost_nothing_and_count_shots_only_when_asked()
    {
        var window = Day.Parse("2022-04-10").Window(TimeZoneInfo.Utc);
        var at = window.Start.AddHours(9);
        var reserved = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 1000, at) with { Origin = new TaskOrigin("arn:r", null) };
        var onDemand = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 100, at) with { Origin = TaskOrigin.OnDemand };
        var usage = DayUsage.From(window, [reserved, onDemand], _ => Tasks.Aspen, new Pricing(new PricingOptions())).Devices.Single();

        Assert.Equal(0.335m, usage.EstimatedCost); // $0.30 + 100 × $0.00035: the reserved task adds nothing
        Assert.Equal(100m, CapPolicy.Counted(usage, CapMetric.Shots, CapBasis.Day));
        Assert.Equal(1100m, CapPolicy.Counted(usage, CapMetric.Shots, CapBasis.Day, countReservedShots: true));
        Assert.Equal(0.335m, CapPolicy.Counted(usage, CapMetric.Cost, CapBasis.Day, countReservedShots: true));
        Assert.Equal(new StatusTally(1, 100), usage.Cancellable);
    }
}
