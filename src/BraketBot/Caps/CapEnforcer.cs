using BraketBot.Braket;
using BraketBot.Jobs;
using BraketBot.Reports;
using BraketBot.Storage;
using BraketBot.Usage;
using Microsoft.Extensions.Options;

namespace BraketBot.Caps;

/// <summary>
/// What to evaluate: one device's day, or (with account-wide caps, or for the reconcile) every
/// device's. <paramref name="Day"/> is yyyy-MM-dd in Caps:TimeZone.
/// </summary>
public sealed record EvaluationRequest(string? DeviceArn, string Day, string Trigger)
{
    public string RunKey => $"evaluate:{Day}:{DeviceArn ?? "all"}";
}

/// <summary>
/// Enforces the caps for one day: one scan, the pure cap decision, cancellation of the breached
/// scopes' queued tasks, and one alert per day, scope, cap and level.
/// </summary>
public sealed class CapEnforcer(
    IBraketApi braket,
    DeviceCatalog catalog,
    TaskCanceller canceller,
    Pricing pricing,
    IBotStore store,
    AlertDispatcher alerts,
    IOptionsMonitor<CapsOptions> capsOptions,
    IOptionsMonitor<BraketOptions> braketOptions,
    TimeProvider time,
    ILogger<CapEnforcer> logger)
{
    private static readonly TimeSpan KeepAlertClaims = TimeSpan.FromDays(3);

    public async Task EvaluateAsync(EvaluationRequest request, CancellationToken cancellationToken)
    {
        var caps = capsOptions.CurrentValue;
        if (!caps.AnyCap) return;

        var window = DayWindow.For(DateOnly.Parse(request.Day), caps.Zone);
        var tasks = await DayTasksAsync(request, window, cancellationToken);
        var usage = DayUsage.From(window, tasks, catalog.Describe, pricing);
        var standings = CapPolicy.Evaluate(usage, caps).Where(s => Applies(s, request)).ToList();
        var crossed = standings.Where(s => s.Level is not null).ToList();
        if (crossed.Count == 0) return;

        var fresh = new List<CapStanding>();
        foreach (var standing in crossed)
            if (await ClaimAlertAsync(request.Day, standing, cancellationToken)) fresh.Add(standing);

        var toCancel = CapPolicy.TasksToCancel(standings, tasks, catalog.Describe);
        var outcomes = caps.Action == CapAction.CancelQueued && toCancel.Count > 0
            ? await canceller.CancelAsync(toCancel, null, cancellationToken)
            : [];
        var cancelled = outcomes.Where(o => o.Result == CancelResult.Cancelled).ToList();
        foreach (var outcome in cancelled)
            logger.LogInformation("Cap enforcement cancelled {Task} ({Shots} shots)", outcome.Task.QuantumTaskArn, outcome.Task.Shots);

        var breach = crossed.FirstOrDefault(s => s.Level == CapLevel.Breach);
        var thread = breach is null ? null : AlertThreadKey(request.Day, breach);
        var alert = new CapAlert(window, caps, fresh, outcomes, toCancel, request.Trigger, catalog.Describe, pricing);
        if (fresh.Count > 0)
            alerts.Enqueue(CapAlertView.Render(alert), rememberAs: thread, replyTo: null);
        else if (cancelled.Count > 0)
            alerts.Enqueue(CapAlertView.RenderFollowUp(alert with { Crossed = crossed }), rememberAs: null, replyTo: thread);
    }

    /// <summary>One scan of the day, plus the tasks events told of that the search does not list yet.</summary>
    private async Task<IReadOnlyList<QuantumTaskSummary>> DayTasksAsync(
        EvaluationRequest request, DayWindow window, CancellationToken cancellationToken)
    {
        var allRegions = braketOptions.CurrentValue.EffectiveRegions;
        var regions = request.DeviceArn is not null && DeviceArn.TryParse(request.DeviceArn, out var arn) && arn.Region.Length > 0
            ? [arn.Region]
            : allRegions;
        var scanned = await braket.TasksCreatedAsync(regions, request.DeviceArn, window.Start, window.End, cancellationToken);
        if (!scanned.IsSuccess) throw new BraketException(scanned.Error!);

        var remembered = await store.RememberedTasksAsync(request.Day, cancellationToken);
        var listed = scanned.Value!.Select(t => t.QuantumTaskArn).ToHashSet();
        return
        [
            .. scanned.Value!,
            .. remembered.Where(t => !listed.Contains(t.QuantumTaskArn) && (request.DeviceArn is null || t.DeviceArn == request.DeviceArn)),
        ];
    }

    /// <summary>A device's evaluation sees only that device, so it judges only that device's caps.</summary>
    private bool Applies(CapStanding standing, EvaluationRequest request) =>
        request.DeviceArn is null || (standing.Cap.Scope.Device is not null && standing.Cap.Scope.Covers(catalog.Describe(request.DeviceArn)));

    /// <summary>Once per day, scope, cap and level; a breach also uses up the warning, which would come too late.</summary>
    private async Task<bool> ClaimAlertAsync(string day, CapStanding standing, CancellationToken cancellationToken)
    {
        var expires = time.GetUtcNow() + KeepAlertClaims;
        var claimed = await store.TryClaimAsync(AlertKey(day, standing.Cap, standing.Level!.Value), expires, cancellationToken);
        if (standing.Level == CapLevel.Breach)
            await store.TryClaimAsync(AlertKey(day, standing.Cap, CapLevel.Warning), expires, cancellationToken);
        return claimed;
    }

    private static string AlertKey(string day, Cap cap, CapLevel level) => $"alert:{day}:{cap.Scope.Key}:{cap.Metric}:{level}";

    private static string AlertThreadKey(string day, CapStanding breach) => $"alert-ts:{day}:{breach.Cap.Scope.Key}";
}
