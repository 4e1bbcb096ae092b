using BraketBot.Hosting;
using BraketBot.Ports;
using Microsoft.Extensions.Options;

namespace BraketBot.Enforcement;

/// <summary>Stores a planned run with its claims, and starts it on this host at once, or carries it out in the caller.</summary>
[HotPath]
public sealed class RunLauncher(IRunStore store, RunWorker worker, RunExecutor executor, IOptionsMonitor<RunOptions> options)
{
    /// <summary>Cancels go at 2 a second; a run is given twice that, on top of <see cref="RunOptions.Deadline"/>.</summary>
    public TimeSpan DeadlineFor(int tasks) => options.CurrentValue.DeadlineFor(tasks);

    /// <summary>
    /// A run's own claims (its tasks, its scope) outlive its deadline, so a task being cancelled is never
    /// picked up by a second run while the run lives. When it ends, it gives back its scope and the tasks it
    /// left queued at once; one Braket refused for good (access denied) is tried again by a later run after this.
    /// </summary>
    public static readonly TimeSpan ClaimMargin = TimeSpan.FromHours(1);

    /// <summary>Alert claims outlive their period (the day, or the month of a monthly cap), so that a late evaluation of it stays
    /// quiet.</summary>
    private static readonly TimeSpan KeepAlertClaims = TimeSpan.FromDays(3);

    /// <param name="runClaims">Held for the run's life: its tasks, its scope.</param>
    /// <param name="alertClaims">Held for days: the alerts it posts, one per period, scope, cap and level, each with the end of its
    /// period.</param>
    /// <returns>False when a claim was taken already: another run has it.</returns>
    public async Task<bool> TryStartAsync(
        EnforcementRun run,
        IReadOnlyList<string> runClaims,
        IReadOnlyList<(string Key, DateTimeOffset PeriodEnd)> alertClaims,
        CancellationToken cancellationToken
    )
    {
        if (!await TryStoreAsync(run, runClaims, alertClaims, cancellationToken))
            return false;
        worker.Start(run.Id);
        return true;
    }

    /// <summary>
    /// Stores the run and carries it out here, for a caller without a running host (the terminal). Stored
    /// like any run, it keeps its claims while it works, and a host on the same storage finishes it if the caller stops.
    /// </summary>
    /// <returns>The run as it ended here; null when a claim was taken already.</returns>
    public async Task<EnforcementRun?> TryRunHereAsync(
        EnforcementRun run,
        IReadOnlyList<string> runClaims,
        IProgress<EnforcementRun>? progress,
        CancellationToken cancellationToken
    )
    {
        if (!await TryStoreAsync(run, runClaims, [], cancellationToken))
            return null;
        return await executor.ExecuteAsync(run, worker.Owner, cancellationToken, progress);
    }

    private Task<bool> TryStoreAsync(
        EnforcementRun run,
        IReadOnlyList<string> runClaims,
        IReadOnlyList<(string Key, DateTimeOffset PeriodEnd)> alertClaims,
        CancellationToken cancellationToken
    )
    {
        var claims = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var key in runClaims)
            claims[key] = run.Deadline + ClaimMargin;
        foreach (var (key, periodEnd) in alertClaims)
            claims[key] = (periodEnd > run.CreatedAt ? periodEnd : run.CreatedAt) + KeepAlertClaims;
        return store.TryCreateRunAsync(run, claims, worker.Owner, RunWorker.Lease, cancellationToken);
    }
}
