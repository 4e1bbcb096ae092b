using BraketBot.Hosting;
using BraketBot.Ports;
using BraketBot.Telemetry;
using Hangfire;

namespace BraketBot.Enforcement;

/// <summary>The evaluation as a Hangfire job: it survives its host, and a failed scan is tried again.</summary>
[HotPath]
public sealed class CapEvaluationJob(CapEnforcer enforcer, IGuardStore store, BraketBotMetrics metrics, TimeProvider time)
{
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [10, 30, 60])]
    public async Task RunAsync(CapEvaluationArgs args, CancellationToken cancellationToken)
    {
        var request = new EvaluationRequest(args.DeviceArn, Day.Parse(args.Day), args.Trigger, args.Reconcile);
        var owner = args.Owner;
        // A retry (or a job picked up after its host died) takes the guard again; if someone else holds it, they evaluate.
        if (!await store.TryTakeGuardAsync(request.GuardKey, owner, CapEvaluator.Lease, cancellationToken))
            return;
        await using var keeper = new LeaseKeeper(
            CapEvaluator.Lease,
            ct => store.RenewGuardAsync(request.GuardKey, owner, CapEvaluator.Lease, ct),
            time,
            cancellationToken
        );
        try
        {
            do await EvaluateAsync(request, keeper.Token);
            while (await store.EndGuardAsync(request.GuardKey, owner, CapEvaluator.Lease, cancellationToken));
        }
        catch
        {
            await store.ReleaseGuardAsync(request.GuardKey, owner, CancellationToken.None);
            throw;
        }
    }

    /// <summary>The evaluation as releases up to a84dbe0 queued it; a job they left behind runs as the current shape.</summary>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [10, 30, 60])]
    public Task RunAsync(
        string day,
        string? deviceArn,
        string trigger,
        bool reconcile,
        string owner,
        CancellationToken cancellationToken
    ) => RunAsync(new CapEvaluationArgs(day, deviceArn, trigger, reconcile, owner), cancellationToken);

    private async Task EvaluateAsync(EvaluationRequest request, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var result = "failed";
        try
        {
            await enforcer.EvaluateAsync(request, cancellationToken);
            result = "done";
        }
        finally
        {
            metrics.Evaluation(result, time.GetElapsedTime(started));
        }
    }
}
