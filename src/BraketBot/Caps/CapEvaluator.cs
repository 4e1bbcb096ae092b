using BraketBot.Storage;
using Hangfire;

namespace BraketBot.Caps;

/// <summary>
/// Starts cap evaluations, coalesced per day and scope: however many events arrive at once,
/// one evaluation is in flight and at most one more is pending.
/// </summary>
public sealed class CapEvaluator(IBotStore store, IBackgroundJobClient jobs)
{
    /// <summary>How long a started evaluation holds its scope if its host dies; the reconcile tick takes over after.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <returns>True when this request started an evaluation, false when it joined one in flight.</returns>
    public async Task<bool> RequestAsync(EvaluationRequest request, CancellationToken cancellationToken)
    {
        if (await store.BeginRunAsync(request.RunKey, Lease, cancellationToken) != RunStart.Started) return false;
        jobs.Enqueue<CapEvaluationJob>(job => job.RunAsync(request, CancellationToken.None));
        return true;
    }
}

public sealed class CapEvaluationJob(CapEnforcer enforcer, IBotStore store)
{
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [10, 30, 60])]
    public async Task RunAsync(EvaluationRequest request, CancellationToken cancellationToken)
    {
        do await enforcer.EvaluateAsync(request, cancellationToken);
        while (await store.EndRunAsync(request.RunKey, CapEvaluator.Lease, cancellationToken));
    }
}
