using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace BraketBot.Braket;

/// <summary>
/// Paces calls per region and operation so that a burst of work stays inside Braket's quotas
/// instead of provoking 429s. Token buckets with reservations: a caller is told at once how long
/// to wait, which keeps the order of callers and the exact rate.
/// </summary>
/// <remarks>
/// One token of the burst is kept in hand. Braket's bucket starts refilling when our first call
/// reaches it, a network delay after ours started: without the spare token the paced calls that
/// follow a burst arrive that delay too early, and are throttled (the benchmark showed it).
/// </remarks>
public sealed class QuotaLimiter : IDisposable
{
    private readonly ConcurrentDictionary<(string Region, string Operation), TokenBucket> buckets = new();
    private readonly IOptionsMonitor<BraketOptions> options;
    private readonly TimeProvider time;
    private readonly IDisposable? listening;

    public QuotaLimiter(IOptionsMonitor<BraketOptions> options, TimeProvider time)
    {
        this.options = options;
        this.time = time;
        // Quotas raised or lowered in the configuration apply from the next call, without a restart.
        listening = options.OnChange(_ => buckets.Clear());
    }

    public void Dispose() => listening?.Dispose();

    public Task WaitAsync(string region, string operation, CancellationToken cancellationToken) =>
        buckets.GetOrAdd((region, operation), key => new TokenBucket(WithSpareToken(options.CurrentValue.QuotaFor(key.Operation)), time))
            .WaitAsync(cancellationToken);

    private static Quota WithSpareToken(Quota quota) => quota with { Burst = Math.Max(1, quota.Burst - 1) };
}

public sealed class TokenBucket(Quota quota, TimeProvider time)
{
    private readonly Lock gate = new();
    private double tokens = quota.Burst;
    private long updatedAt = time.GetTimestamp();

    /// <summary>Takes a token, possibly one not yet refilled, and says how long until it is.</summary>
    public TimeSpan Reserve()
    {
        lock (gate)
        {
            var now = time.GetTimestamp();
            tokens = Math.Min(quota.Burst, tokens + time.GetElapsedTime(updatedAt, now).TotalSeconds * quota.Rate);
            updatedAt = now;
            tokens -= 1;
            return tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-tokens / quota.Rate);
        }
    }

    public Task WaitAsync(CancellationToken cancellationToken)
    {
        var wait = Reserve();
        return wait == TimeSpan.Zero ? Task.CompletedTask : Task.Delay(wait, time, cancellationToken);
    }
}
