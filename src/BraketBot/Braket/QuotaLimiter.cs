using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace BraketBot.Braket;

/// <summary>
/// Paces calls per region and operation so that a burst of work stays inside Braket's quotas
/// instead of provoking 429s. Token buckets with reservations: a caller is told at once how long
/// to wait, which keeps the order of callers and the exact rate.
/// </summary>
public sealed class QuotaLimiter(IOptionsMonitor<BraketOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Region, string Operation), TokenBucket> buckets = new();

    public Task WaitAsync(string region, string operation, CancellationToken cancellationToken) =>
        buckets.GetOrAdd((region, operation), key => new TokenBucket(options.CurrentValue.QuotaFor(key.Operation), time))
            .WaitAsync(cancellationToken);
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
