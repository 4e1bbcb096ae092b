namespace BraketBot.Usage;

/// <summary>
/// How fast a scan may page through a region: the one place a scan says what kind of scan it is, so
/// that its share of the region's SearchQuantumTasks quota is set here.
/// </summary>
/// <param name="PageInterval">The least time between two pages of one region (zero: as fast as the quota allows).</param>
public sealed record ScanPace(TimeSpan PageInterval)
{
    /// <summary>Enforcement's and people's scans: first in line, as fast as the quota allows.</summary>
    public static readonly ScanPace Urgent = new(TimeSpan.Zero);

    /// <summary>
    /// Full rescans in the background: at most half of the region's documented 5 searches a second, so
    /// the rest is left for people and enforcement.
    /// </summary>
    public static readonly ScanPace Background = new(TimeSpan.FromSeconds(2.0 / 5));
}
