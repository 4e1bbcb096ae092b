namespace BraketBot.Braket;

/// <summary>A token bucket in this process: <see cref="Quota.Rate"/> tokens a second, at most <see cref="Quota.Burst"/> saved up.</summary>
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
            Refill();
            tokens -= 1;
            return tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-tokens / quota.Rate);
        }
    }

    /// <summary>Takes a token only if one is there now.</summary>
    public bool TryTake()
    {
        lock (gate)
        {
            Refill();
            if (tokens < 1) return false;
            tokens -= 1;
            return true;
        }
    }

    /// <summary>Puts back a token taken and never used.</summary>
    public void GiveBack()
    {
        lock (gate) tokens = Math.Min(quota.Burst, tokens + 1);
    }

    private void Refill()
    {
        var now = time.GetTimestamp();
        tokens = Math.Min(quota.Burst, tokens + time.GetElapsedTime(updatedAt, now).TotalSeconds * quota.Rate);
        updatedAt = now;
    }
}
