namespace BraketBot.Braket;

/// <summary>One instance's pacing: its own bucket, no I/O.</summary>
public sealed class LocalQuotaTokens(TokenBucket bucket, TimeProvider time) : IQuotaTokens
{
    public bool TryTakeNow() => bucket.TryTake();

    public Task NextAsync(int wanted)
    {
        var wait = bucket.Reserve();
        return wait == TimeSpan.Zero ? Task.CompletedTask : Task.Delay(wait, time);
    }

    public void GiveBack() => bucket.GiveBack();
}
