using System.Text;
using System.Text.Json;
using BraketBot.Hosting;
using BraketBot.Messages;
using Hangfire.Common;
using Hangfire.Storage;

namespace BraketBot.Enforcement;

/// <summary>
/// Runs the enforcement path once on made-up data at start, without any I/O, so that the first real
/// event does not pay for JIT compilation and serializer set-up: that is what kept the first cancel of
/// a new process a few hundred milliseconds late.
/// </summary>
public sealed class EnforcementWarmUp(IServiceScopeFactory scopes, ILogger<EnforcementWarmUp> logger) : StartupWarmUp(logger)
{
    private const string SampleEvent = """
        {"id":"warm-up","detail-type":"Braket Task State Change","source":"aws.braket","account":"000000000000",
         "region":"us-east-1","detail":{"quantumTaskArn":"arn:aws:braket:us-east-1:000000000000:quantum-task/warm-up",
         "status":"CREATED","deviceArn":"arn:aws:braket:us-east-1::device/qpu/ionq/Forte-1","shots":"1",
         "createdAt":"2022-04-10T00:00:00Z"}}
        """;

    protected override Task RunAsync()
    {
        var parsed = (EventParse.TaskEvent)TaskStateChange.Parse(Encoding.UTF8.GetBytes(SampleEvent));
        var device = DeviceSummary.FromArn(
            DeviceArn.TryParse(parsed.Task.DeviceArn, out var arn) ? arn : throw new InvalidOperationException()
        );
        var day = new Day(new DateOnly(2022, 4, 10));
        var caps = new CapsOptions { MaxShotsPerDay = 0 };
        var pricing = new Pricing(new PricingOptions());
        // The ledger's way to a day's usage, as both stores and an evaluation take it: rows merged, totals moved, totals read.
        var changes = Ledger.MergeAll(
            new Dictionary<string, LedgerTask>(StringComparer.Ordinal),
            [new LedgerTask(parsed.Task, day, default)]
        );
        var usage = DayUsage.FromTotals(day.Window(TimeZoneInfo.Utc), Ledger.TotalDeltas(changes), _ => device, pricing);
        var standings = CapPolicy.Evaluate(usage, caps);
        var run = new EnforcementRun
        {
            Id = "warm-up",
            Kind = RunKind.CapAlert,
            Day = day,
            TimeZone = "UTC",
            CreatedAt = DateTimeOffset.UnixEpoch,
            Deadline = DateTimeOffset.UnixEpoch,
            Crossed = standings,
            Tasks = [RunTask.Of(parsed.Task, device, pricing)],
        };
        JsonSerializer.Serialize(
            RunView.Render(run.With(parsed.Task.QuantumTaskArn, CancelResult.Cancelled, "cancelling")).Fit().Blocks,
            SlackMessage.Json
        );
        // Hangfire reads an evaluation's call from its expression and stores it as JSON, which is slow the first time.
        var args = new CapEvaluationArgs(day.ToString(), null, "warm-up", Reconcile: false, "warm-up");
        InvocationData
            .SerializeJob(Job.FromExpression<CapEvaluationJob>(job => job.RunAsync(args, CancellationToken.None)))
            .DeserializeJob();
        using var scope = scopes.CreateScope();
        // Built once here, with their HTTP clients and resilience pipelines, instead of on the first breach.
        scope.ServiceProvider.GetRequiredService<CapEnforcer>();
        scope.ServiceProvider.GetRequiredService<RunExecutor>();
        scope.ServiceProvider.GetRequiredService<Ports.ISlackApi>();
        return Task.CompletedTask;
    }
}
