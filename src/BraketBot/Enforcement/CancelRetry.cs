namespace BraketBot.Enforcement;

/// <summary>
/// How long a cancel that Braket keeps failing (throttled, unavailable, timed out) is tried again:
/// until <paramref name="Until"/>, waiting between tries twice as long each time, at most <paramref name="MaxWait"/>.
/// </summary>
public sealed record CancelRetry(DateTimeOffset Until, TimeSpan MaxWait)
{
    /// <summary>The first wait; shorter only when the cap is.</summary>
    public TimeSpan FirstWait => MaxWait < TimeSpan.FromSeconds(1) ? MaxWait : TimeSpan.FromSeconds(1);
}
