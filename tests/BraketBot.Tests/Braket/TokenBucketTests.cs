using BraketBot.Braket;
using BraketBot.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace BraketBot.Tests.Braket;

public sealed class TokenBucketTests
{
    [Fact]
    public void Lets_the_burst_through_then_paces_at_the_rate()
    {
        var time = new FakeTimeProvider();
        var bucket = new TokenBucket(new Quota(5, 20), time);

        var waits = Enumerable.Range(0, 25).Select(_ => bucket.Reserve()).ToList();

        Assert.All(waits.Take(20), w => Assert.Equal(TimeSpan.Zero, w));
        Assert.Equal([0.2, 0.4, 0.6, 0.8, 1.0], waits.Skip(20).Select(w => Math.Round(w.TotalSeconds, 3)));
    }

    [Fact]
    public void Refills_with_time_up_to_the_burst()
    {
        var time = new FakeTimeProvider();
        var bucket = new TokenBucket(new Quota(2, 20), time);
        for (var i = 0; i < 20; i++) bucket.Reserve();

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.Zero, bucket.Reserve());
        Assert.Equal(TimeSpan.Zero, bucket.Reserve());
        Assert.Equal(0.5, bucket.Reserve().TotalSeconds, 3);

        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(20, Enumerable.Range(0, 25).Count(_ => bucket.Reserve() == TimeSpan.Zero));
    }

    [Fact]
    public async Task A_burst_of_cancels_completes_at_the_documented_quota()
    {
        var time = new FakeTimeProvider();
        var limiter = new QuotaLimiter(new FixedOptions<BraketOptions>(new BraketOptions()), time);

        var calls = Enumerable.Range(0, 60).Select(_ => limiter.WaitAsync("us-west-1", BraketOperations.CancelQuantumTask, CancellationToken.None)).ToList();
        var done = new List<int>();
        for (var second = 0; second <= 20; second++)
        {
            await Task.Yield();
            done.Add(calls.Count(c => c.IsCompletedSuccessfully));
            time.Advance(TimeSpan.FromSeconds(1));
        }

        // 19 at once (the burst less one spare token), then 2 a second: the quota, never faster.
        Assert.Equal(19, done[0]);
        Assert.Equal(21, done[1]);
        Assert.Equal(39, done[10]);
        Assert.Equal(59, done[20]);
        // Other regions and operations have buckets of their own.
        Assert.True(limiter.WaitAsync("us-east-1", BraketOperations.CancelQuantumTask, CancellationToken.None).IsCompletedSuccessfully);
    }

}
