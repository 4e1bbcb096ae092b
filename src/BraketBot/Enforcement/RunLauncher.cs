using BraketBot.Ports;

namespace BraketBot.Enforcement;

/// <summary>Stores a planned run with its claims and starts it on this host at once.</summary>
public sealed class RunLauncher(IBotStore store, RunWorker worker)
{
    /// <summary>Cancels go at 2 a second; a run is given twice that, and never less than a quarter of an hour.</summary>
    public static TimeSpan DeadlineFor(int tasks) => TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(tasks);

    /// <summary>Claims outlive their run's deadline, so a task being cancelled is never picked up by a second run.</summary>
    private static readonly TimeSpan ClaimMargin = TimeSpan.FromHours(1);

    /// <returns>False when a claim was taken already: another run has it.</returns>
    public async Task<bool> TryStartAsync(EnforcementRun run, IReadOnlyList<string> claims, CancellationToken cancellationToken)
    {
        var stored = run with { Claims = claims };
        if (!await store.TryCreateRunAsync(stored, claims, run.Deadline + ClaimMargin, worker.Owner, RunWorker.Lease, cancellationToken))
            return false;
        worker.Start(run.Id);
        return true;
    }
}
