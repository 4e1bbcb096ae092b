using BraketBot.Hosting;
using BraketBot.Ports;

namespace BraketBot.Braket;

/// <summary>
/// One instance's part of a quota shared through the store: it leases slices of tokens from the shared bucket (one
/// round trip per slice, not per call), each token to be used from the moment it is ready until a short grace after.
/// A token not used by then is dropped here and given back with the next lease; an instance that dies takes at most
/// one slice (half a second of the quota) with it.
/// </summary>
/// <remarks>
/// Using a token late is what could exceed Braket's bucket (ours refilled meanwhile, Braket's was full and did not):
/// at most <c>rate × grace</c> tokens, so the shared bucket holds that much less than Braket's burst, besides the spare
/// token kept for the network's delay. A slice follows demand: it doubles while whole slices are used, shrinks to what
/// was used when tokens go stale, and never spans more than <see cref="SliceLength"/> of the quota, so another instance
/// waits at most that long behind it.
/// </remarks>
[HotPath]
public sealed partial class SharedQuotaTokens(
    IQuotaBuckets buckets,
    string key,
    Quota quota,
    TokenBucket fallback,
    TimeProvider time,
    ILogger logger
) : IQuotaTokens
{
    public static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(50);

    public static readonly TimeSpan SliceLength = TimeSpan.FromMilliseconds(500);

    private readonly record struct Slot(long Ready, long Expires);

    private readonly Lock gate = new();
    private readonly Queue<Slot> slots = new();
    private readonly int largestSlice = Math.Max(1, (int)Math.Ceiling(quota.Rate * SliceLength.TotalSeconds));
    private int unused;
    private int lastSlice;
    private int usedOfLastSlice;

    /// <summary>What the shared bucket may hold: Braket's burst less the spare token and the tokens a grace can make late.</summary>
    public double Capacity { get; } = Math.Max(1, quota.Burst - 1 - Math.Ceiling(quota.Rate * Grace.TotalSeconds));

    public bool TryTakeNow()
    {
        lock (gate)
        {
            var now = time.GetTimestamp();
            DropStale(now);
            if (!slots.TryPeek(out var slot) || slot.Ready > now)
                return false;
            Use();
            return true;
        }
    }

    public async Task NextAsync(int wanted)
    {
        while (true)
        {
            Slot next;
            bool leased;
            lock (gate)
            {
                DropStale(time.GetTimestamp());
                leased = slots.TryPeek(out next);
            }
            if (!leased)
            {
                await LeaseAsync(wanted);
                continue;
            }
            var wait = time.GetElapsedTime(time.GetTimestamp(), next.Ready);
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait, time);
            lock (gate)
            {
                var now = time.GetTimestamp();
                DropStale(now);
                if (slots.TryPeek(out var slot) && slot == next && slot.Ready <= now)
                {
                    Use();
                    return;
                }
            }
        }
    }

    public void GiveBack()
    {
        lock (gate)
            unused++;
    }

    /// <summary>Only this instance's own bucket, used while the store is out of reach, waits for answers.</summary>
    public void Answered(long sentAt) => fallback.Answered(sentAt);

    private async Task LeaseAsync(int wanted)
    {
        int count,
            returned;
        lock (gate)
        {
            var demand = lastSlice > 0 && usedOfLastSlice >= lastSlice ? 2 * lastSlice : usedOfLastSlice;
            count = Math.Clamp(Math.Max(wanted, demand), 1, largestSlice);
            returned = unused;
            unused = 0;
        }
        double level;
        try
        {
            level = await buckets.TakeAsync(key, quota.Rate, Capacity, count, returned, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The store is out of reach: this call is paced by this instance alone rather than not made at all.
            LogUnshared(e, key);
            var ready = time.GetTimestamp() + Ticks(fallback.Reserve());
            lock (gate)
                Add(ready);
            return;
        }
        var at = time.GetTimestamp();
        lock (gate)
        {
            for (var i = 1; i <= count; i++)
                Add(at + Ticks(TimeSpan.FromSeconds(Math.Max(0, (i - level) / quota.Rate))));
            lastSlice = count;
            usedOfLastSlice = 0;
        }
    }

    private void Add(long ready) => slots.Enqueue(new Slot(ready, ready + Ticks(Grace)));

    private void Use()
    {
        slots.Dequeue();
        usedOfLastSlice++;
    }

    private void DropStale(long now)
    {
        while (slots.TryPeek(out var slot) && slot.Expires < now)
        {
            slots.Dequeue();
            unused++;
        }
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * time.TimestampFrequency);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "The shared Braket quota {Key} could not be read from the store; this call is paced by this instance alone"
    )]
    private partial void LogUnshared(Exception e, string key);
}
