using BraketBot.Hosting;
using BraketBot.Ports;
using Hangfire;

namespace BraketBot.Enforcement;

/// <summary>
/// Starts cap evaluations, coalesced per day and scope: however many events arrive at once, one
/// evaluation is in flight and at most one more is pending.
/// </summary>
[HotPath]
public sealed class CapEvaluator(IGuardStore store, IBackgroundJobClient jobs)
{
    /// <summary>A live evaluation renews its guard; a dead host's guard is free after this.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    /// <returns>True when this request started an evaluation, false when it joined one in flight.</returns>
    public async Task<bool> RequestAsync(EvaluationRequest request, CancellationToken cancellationToken)
    {
        var owner = Guid.NewGuid().ToString("N");
        if (await store.BeginGuardAsync(request.GuardKey, owner, Lease, cancellationToken) != GuardOutcome.Started)
            return false;
        var day = request.Day.ToString();
        try
        {
            var args = new CapEvaluationArgs(day, request.DeviceArn, request.Trigger, request.Reconcile, owner);
            jobs.Enqueue<CapEvaluationJob>(job => job.RunAsync(args, CancellationToken.None));
        }
        catch
        {
            // Nobody will run it: let the guard go, or every later request would join an evaluation that never comes.
            await store.ReleaseGuardAsync(request.GuardKey, owner, CancellationToken.None);
            throw;
        }
        return true;
    }
}
