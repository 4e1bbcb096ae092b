using BraketBot.Ports;
using Microsoft.Extensions.Options;

namespace BraketBot.Enforcement;

/// <summary>
/// What a run does when its host stops. On a store that outlives the process it stops where it is and lets its
/// lease go, so the next host resumes it at once. In memory nobody would: it winds down here instead
/// (<see cref="RunWindDown"/>), within the host's shutdown timeout.
/// </summary>
public sealed class RunShutdown(IRunStore store, IHostApplicationLifetime lifetime, IOptions<HostOptions> host)
{
    /// <summary>Kept back from the host's shutdown timeout for the rest of the host to stop.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(3);

    /// <summary>How long a run may wind down after the stop signal.</summary>
    public TimeSpan Budget => host.Value.ShutdownTimeout > Margin ? host.Value.ShutdownTimeout - Margin : TimeSpan.Zero;

    /// <param name="stoppingToken">The run's own stop signal (the host's worker, or Ctrl+C on a terminal).</param>
    /// <returns>Null when the store outlives the process: the run simply stops.</returns>
    public RunWindDown? WindDownFor(CancellationToken stoppingToken) =>
        store.OutlivesProcess ? null : new RunWindDown(Budget, stoppingToken, lifetime.ApplicationStopping);
}
