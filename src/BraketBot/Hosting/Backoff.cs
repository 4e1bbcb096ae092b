namespace BraketBot.Hosting;

/// <summary>How long to wait before trying a link again after consecutive failures: doubling, capped, with jitter.</summary>
public static class Backoff
{
    public static TimeSpan After(int failures, TimeSpan first, TimeSpan max)
    {
        if (failures <= 0)
            return TimeSpan.Zero;
        var doubled = first.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 20));
        var capped = Math.Min(doubled, max.TotalMilliseconds);
        // 80% to 100% of the step: instances that lost the link together do not come back together.
        return TimeSpan.FromMilliseconds(capped * (0.8 + 0.2 * Random.Shared.NextDouble()));
    }
}
