using Hangfire;
using Microsoft.Extensions.Options;

namespace BraketBot.Limits;

/// <summary>
/// Starts the limit syncs: one at start, and one whenever the mirrored caps (or the zone their days are
/// counted in) change (the recurring renewal tick is <see cref="LimitRenewalSchedule"/>).
/// </summary>
public sealed partial class LimitSyncTriggers(
    IBackgroundJobClient jobs,
    IOptionsMonitor<CapsOptions> capsOptions,
    ILogger<LimitSyncTriggers> logger
) : IHostedService, IDisposable
{
    private IDisposable? listener;
    private string mirrored = "";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        mirrored = Signature(capsOptions.CurrentValue);
        Enqueue("start");
        listener = capsOptions.OnChange(OnCapsChanged);
        return Task.CompletedTask;
    }

    /// <summary>A sync now; if the job storage cannot take it, the tick syncs once the storage is back (the start goes on).</summary>
    private void Enqueue(string reason)
    {
        try
        {
            jobs.Enqueue<LimitSyncJob>(job => job.SyncNowAsync(new LimitSyncArgs(reason), CancellationToken.None));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogNotEnqueued(reason, e.Message);
        }
    }

    private void OnCapsChanged(CapsOptions caps)
    {
        // A reload fires more than once; only a real change to what Mirror keeps starts a sync.
        var signature = Signature(caps);
        if (Interlocked.Exchange(ref mirrored, signature) == signature || caps.NativeLimits != NativeLimitsMode.Mirror)
            return;
        Enqueue("caps changed");
    }

    private static string Signature(CapsOptions caps)
    {
        var mirrored = caps.MirroredLimits.OrderBy(m => m.Device, StringComparer.OrdinalIgnoreCase).Select(m => $"{m.Device}={m.Usd}");
        return $"{caps.NativeLimits}|{caps.TimeZone}|{string.Join(',', mirrored)}";
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => listener?.Dispose();

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "The spending limit sync ({Reason}) could not be queued: {Error}; the next tick syncs"
    )]
    private partial void LogNotEnqueued(string reason, string error);
}
