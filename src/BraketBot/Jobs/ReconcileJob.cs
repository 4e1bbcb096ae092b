using BraketBot.Caps;
using BraketBot.Usage;
using Hangfire;
using Microsoft.Extensions.Options;

namespace BraketBot.Jobs;

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
        var today = DayWindow.Today(time.GetUtcNow(), caps.CurrentValue.Zone);
        return evaluator.RequestAsync(new EvaluationRequest(null, today.ToString("yyyy-MM-dd"), "the scheduled reconcile"), cancellationToken);
    }
}
