using Hangfire;
using Microsoft.Extensions.Options;

namespace BraketBot.Enforcement;

/// <summary>
/// The recurring safety net: evaluates today for every device of every watched region, so a missed
/// event or a region without an EventBridge rule still gets its caps enforced.
/// </summary>
public sealed class ReconcileJob(CapEvaluator evaluator, IOptionsMonitor<CapsOptions> caps, TimeProvider time)
{
    public const string Id = "reconcile-caps";

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0)] // the next tick is the retry
    public Task RunAsync(CancellationToken cancellationToken)
    {
        var today = Day.Of(time.GetUtcNow(), caps.CurrentValue.Zone);
        return evaluator.RequestAsync(new EvaluationRequest(null, today, "the scheduled reconcile"), cancellationToken);
    }
}

/// <summary>Registers the recurring reconcile at start (its cron was validated with the options).</summary>
public sealed class ReconcileRegistration(IRecurringJobManager recurring, IOptions<CapsOptions> caps) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<ReconcileJob>(
            ReconcileJob.Id, job => job.RunAsync(CancellationToken.None), caps.Value.ReconcileCron,
            new RecurringJobOptions { TimeZone = caps.Value.Zone });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
