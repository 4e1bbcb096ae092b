using BraketBot.Hosting;

namespace BraketBot.Braket;

/// <summary>One instance's pacing: its own bucket, no I/O.</summary>
[HotPath]
public sealed class LocalQuotaTokens(TokenBucket bucket, TimeProvider time) : IQuotaTokens
{
    public bool TryTakeNow() => bucket.TryTake();

    public async Task NextAsync(int wanted)
    {
        // The wait is the least one: a bucket waiting for the answer to its burst's first call refills later, so look again.
        for (var wait = bucket.Reserve(); wait > TimeSpan.Zero; wait = bucket.Shortfall())
            await Task.Delay(wait, time);
    }

    public void GiveBack() => bucket.GiveBack();

    public void Answered(long sentAt) => bucket.Answered(sentAt);
}
