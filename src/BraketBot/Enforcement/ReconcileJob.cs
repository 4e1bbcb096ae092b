using Hangfire;
using Microsoft.Extensions.Options;

namespace BraketBot.Enforcement;

/// <summary>
/// The recurring safety net: asks Braket, in every watched region, what can have changed since the last
/// tick (tasks created since, tasks not yet ended) and scans in full any day of the month the ledger
/// lacks and any region that failed, repairs the ledger with it and evaluates, so a missed event or a
/// region without an EventBridge rule still gets its caps enforced and its usage reported. A tick's cost
/// does not grow with the day; <see cref="LedgerRescanJob"/> rescans the month in full once a day.
/// </summary>
public sealed class ReconcileJob(CapEvaluator evaluator, IOptionsMonitor<CapsOptions> caps, TimeProvider time)
{
    public const string Id = "reconcile-caps";

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0)] // the next tick is the retry
    public Task RunAsync(ReconcileArgs args, CancellationToken cancellationToken)
    {
        var today = Day.Of(time.GetUtcNow(), caps.CurrentValue.Zone);
        return evaluator.RequestAsync(new EvaluationRequest(null, today, "the scheduled reconcile", Reconcile: true), cancellationToken);
    }

    /// <summary>The reconcile as releases up to a84dbe0 queued it; a job they left behind runs as the current shape.</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0)]
    public Task RunAsync(CancellationToken cancellationToken) => RunAsync(new ReconcileArgs(), cancellationToken);
}
