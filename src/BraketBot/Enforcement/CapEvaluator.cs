using BraketBot.Ports;
using Hangfire;

namespace BraketBot.Enforcement;

/// <summary>
/// What to evaluate: one device's day, or (with account-wide caps, or for the reconcile) every
/// device's, and what set it off (for people). A reconcile scans whatever the ledger holds; other
/// evaluations read the ledger and scan only to fill it or to confirm what it says.
/// </summary>
public sealed record EvaluationRequest(string? DeviceArn, Day Day, string Trigger, bool Reconcile = false)
{
    /// <summary>Coalesces like requests; a reconcile has its own, so that it is never folded into a ledger-only evaluation.</summary>
    public string GuardKey => $"evaluate:{Day}:{DeviceArn ?? "all"}{(Reconcile ? ":reconcile" : "")}";
}

/// <summary>
/// Starts cap evaluations, coalesced per day and scope: however many events arrive at once, one
/// evaluation is in flight and at most one more is pending.
/// </summary>
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
