namespace BraketBot.Braket;

/// <summary>A token bucket in this process: <see cref="Quota.Rate"/> tokens a second, at most <see cref="Quota.Burst"/> saved up.</summary>
/// <remarks>
/// Braket's bucket, full while we call nothing, starts refilling when the first call of a burst reaches it, not when we
/// take the token: refilled from the take, ours would run ahead by that call's time on the way (a new connection, a slow
/// first signing; 0.6 to 0.8 s in the outage test), more than the spare token covers, and the paced calls after the burst
/// would be throttled. So a bucket taken from full refills only from the answer to a call sent since
/// (<see cref="Answered"/>), or from <see cref="LongestFlight"/> after the take should no answer come.
/// </remarks>
public sealed class TokenBucket(Quota quota, TimeProvider time)
{
    /// <summary>The longest a call is taken to be on its way to Braket (the attempt timeout of the resilience handler).</summary>
    public static readonly TimeSpan LongestFlight = TimeSpan.FromSeconds(10);

    private readonly Lock gate = new();
    private double tokens = quota.Burst;
    private long updatedAt = time.GetTimestamp();

    /// <summary>When a token was taken from the full bucket whose burst no answered call has yet shown Braket to have seen.</summary>
    private long? leftFullAt;

    /// <summary>Takes a token, possibly one not yet refilled, and says how long until it is, at the least (<see
    /// cref="Shortfall"/>).</summary>
    public TimeSpan Reserve()
    {
        lock (gate)
        {
            Refill();
            Take();
            return Due();
        }
    }

    /// <summary>How long until the tokens reserved are refilled, at the least: a bucket waiting for an answer refills later.</summary>
    public TimeSpan Shortfall()
    {
        lock (gate)
        {
            Refill();
            return Due();
        }
    }

    /// <summary>Takes a token only if one is there now.</summary>
    public bool TryTake()
    {
        lock (gate)
        {
            Refill();
            if (tokens < 1)
                return false;
            Take();
            return true;
        }
    }

    /// <summary>Puts back a token taken and never used.</summary>
    public void GiveBack()
    {
        lock (gate)
        {
            Refill();
            tokens = Math.Min(quota.Burst, tokens + 1);
            // Full again: nothing of the burst went out.
            if (tokens >= quota.Burst)
                leftFullAt = null;
        }
    }

    /// <summary>A call sent at <paramref name="sentAt"/> (a timestamp of the bucket's clock) has its answer: Braket has seen the
    /// burst.</summary>
    public void Answered(long sentAt)
    {
        lock (gate)
        {
            if (leftFullAt is not { } since || sentAt < since)
                return;
            Refill();
            leftFullAt = null;
        }
    }

    private void Take()
    {
        // Refill has just run: updatedAt is now.
        if (tokens >= quota.Burst)
            leftFullAt = updatedAt;
        tokens -= 1;
    }

    private TimeSpan Due() => tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-tokens / quota.Rate);

    private void Refill()
    {
        var now = time.GetTimestamp();
        var from = updatedAt;
        if (leftFullAt is { } since)
        {
            var surely = since + (long)(LongestFlight.TotalSeconds * time.TimestampFrequency);
            if (now < surely)
            {
                updatedAt = now;
                return;
            }
            from = Math.Max(from, surely);
            leftFullAt = null;
        }
        tokens = Math.Min(quota.Burst, tokens + time.GetElapsedTime(from, now).TotalSeconds * quota.Rate);
        updatedAt = now;
    }
}
