using BraketBot.Braket;
using BraketBot.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
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
        for (var i = 0; i < 20; i++)
            bucket.Reserve();
        bucket.Answered(time.GetTimestamp());

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.Zero, bucket.Reserve());
        Assert.Equal(TimeSpan.Zero, bucket.Reserve());
        Assert.Equal(0.5, bucket.Reserve().TotalSeconds, 3);

        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(20, Enumerable.Range(0, 25).Count(_ => bucket.Reserve() == TimeSpan.Zero));
    }

    [Fact]
    public void A_bucket_taken_from_full_refills_from_the_answer_to_the_bursts_first_call_as_Braket_does()
    {
        var time = new FakeTimeProvider();
        var bucket = new TokenBucket(new Quota(2, 20), time);
        var sent = time.GetTimestamp();
        for (var i = 0; i < 20; i++)
            bucket.TryTake();

        // The first call is 0.8 s on its way: Braket's bucket is full till it arrives, and refills only from then.
        time.Advance(TimeSpan.FromSeconds(0.8));
        Assert.False(bucket.TryTake());
        bucket.Answered(sent);
        Assert.Equal(0.5, bucket.Reserve().TotalSeconds, 3);
        time.Advance(TimeSpan.FromSeconds(0.4));
        Assert.Equal(0.1, bucket.Shortfall().TotalSeconds, 3);
        time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(TimeSpan.Zero, bucket.Shortfall());
    }

    [Fact]
    public void A_bucket_whose_burst_is_never_answered_refills_after_the_longest_flight()
    {
        var time = new FakeTimeProvider();
        var bucket = new TokenBucket(new Quota(2, 20), time);
        for (var i = 0; i < 20; i++)
            bucket.TryTake();
        // An answer to a call sent before the burst says nothing of it.
        bucket.Answered(time.GetTimestamp() - 1);

        time.Advance(TokenBucket.LongestFlight);
        Assert.False(bucket.TryTake());
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(bucket.TryTake());
        Assert.True(bucket.TryTake());
        Assert.False(bucket.TryTake());
    }

    private static QuotaLimiter Limiter(TimeProvider time) =>
        new(
            new FixedOptions<BraketOptions>(new BraketOptions()),
            new FixedOptions<WatchOptions>(new WatchOptions()),
            time,
            NullLogger<QuotaLimiter>.Instance
        );

    /// <summary>
    /// Moves the clock on in small steps until every call has had its turn, and says at which (fake) time each had it:
    /// the queue hands turns over on the thread pool, so the test lets it run between steps.
    /// </summary>
    private static async Task<TimeSpan[]> TurnTimesAsync(
        FakeTimeProvider time,
        IReadOnlyList<Task> calls,
        TimeSpan limit,
        double stepSeconds = 0.05
    )
    {
        var start = time.GetUtcNow();
        var turns = new TimeSpan?[calls.Count];
        for (var i = 0; i < calls.Count; i++)
        {
            var index = i;
            _ = calls[i].ContinueWith(_ => turns[index] = time.GetUtcNow() - start, TaskContinuationOptions.ExecuteSynchronously);
        }
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (turns.Any(t => t is null) && time.GetUtcNow() - start < limit && DateTime.UtcNow < deadline)
        {
            await Task.Delay(2);
            if (calls.All(c => c.IsCompleted) || !await Progressed(calls))
                time.Advance(TimeSpan.FromSeconds(stepSeconds));
        }
        await Task.WhenAll(calls);
        return turns.Select(t => t!.Value).ToArray();
    }

    /// <summary>Whether another call had its turn within a moment (else the queue waits for the clock).</summary>
    private static async Task<bool> Progressed(IReadOnlyList<Task> calls)
    {
        var before = calls.Count(c => c.IsCompleted);
        await Task.Delay(5);
        return calls.Count(c => c.IsCompleted) > before;
    }

    [Fact]
    public async Task A_burst_of_cancels_completes_at_the_documented_quota()
    {
        var time = new FakeTimeProvider();
        var limiter = Limiter(time);

        var calls = Enumerable
            .Range(0, 60)
            .Select(_ => limiter.WaitAsync("us-west-1", BraketOperations.CancelQuantumTask, CancellationToken.None))
            .ToList();
        limiter.Answered("us-west-1", BraketOperations.CancelQuantumTask, time.GetTimestamp()); // Braket answers the first at once
        var turns = await TurnTimesAsync(time, calls, TimeSpan.FromSeconds(30), stepSeconds: 0.1);

        // 19 at once (the burst less one spare token), then 2 a second: the quota, never faster, and not much slower.
        Assert.Equal(19, turns.Count(t => t == TimeSpan.Zero));
        var paced = turns.Order().Skip(19).ToList();
        for (var i = 0; i < paced.Count; i++)
            Assert.True(paced[i] >= TimeSpan.FromSeconds(0.5 * (i + 1)), $"call {i + 20} at {paced[i]}");
        Assert.True(paced[^1] <= TimeSpan.FromSeconds(20.6), $"the last at {paced[^1]}");
        // Other regions and operations have buckets of their own.
        Assert.True(limiter.WaitAsync("us-east-1", BraketOperations.CancelQuantumTask, CancellationToken.None).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Queued_calls_go_by_priority_enforcement_before_reports_before_the_reconcile()
    {
        var time = new FakeTimeProvider();
        var limiter = Limiter(time);
        Task Search(BraketPriority priority)
        {
            using var _ = BraketPriority.Enter(priority);
            return limiter.WaitAsync("us-west-1", BraketOperations.SearchQuantumTasks, CancellationToken.None);
        }
        var burst = Enumerable.Range(0, 49).Select(_ => Search(BraketPriority.Reconcile)).ToList();
        Assert.All(burst, c => Assert.True(c.IsCompletedSuccessfully));
        limiter.Answered("us-west-1", BraketOperations.SearchQuantumTasks, time.GetTimestamp());

        var reconcile = Enumerable.Range(0, 10).Select(_ => Search(BraketPriority.Reconcile)).ToList();
        var report = Search(BraketPriority.Report);
        var enforcement = Search(BraketPriority.Enforcement);
        Assert.Equal(BraketPriority.Report, BraketPriority.Current); // the scopes ended with their calls
        var turns = await TurnTimesAsync(time, [.. reconcile, report, enforcement], TimeSpan.FromSeconds(10));

        // Each token goes, once ready, to the most urgent caller then: the enforcement scan, though it came last, then
        // the report, then the reconcile's pages in the order they queued.
        var order = turns.Select((at, index) => (at, index)).OrderBy(t => t.at).ThenBy(t => t.index).Select(t => t.index).ToList();
        Assert.Equal([11, 10, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9], order);
    }

    [Fact]
    public async Task A_configuration_reload_keeps_the_buckets_unless_the_quotas_changed()
    {
        var time = new FakeTimeProvider();
        var settings = new ConfigurationBuilder().AddInMemoryCollection().Build();
        using var services = new ServiceCollection()
            .Configure<BraketOptions>(settings.GetSection(BraketOptions.Section))
            .BuildServiceProvider();
        using var limiter = new QuotaLimiter(
            services.GetRequiredService<IOptionsMonitor<BraketOptions>>(),
            new FixedOptions<WatchOptions>(new WatchOptions()),
            time,
            NullLogger<QuotaLimiter>.Instance
        );
        for (var i = 0; i < 19; i++)
            await limiter.WaitAsync("us-west-1", BraketOperations.CancelQuantumTask, CancellationToken.None);

        // An edited appsettings.json that leaves the quotas alone: the burst is spent, as it is at Braket.
        settings.Reload();
        Assert.False(limiter.WaitAsync("us-west-1", BraketOperations.CancelQuantumTask, CancellationToken.None).IsCompleted);

        // A quota raised: it applies from the next call.
        settings[$"{BraketOptions.Section}:Quotas:{BraketOperations.CancelQuantumTask}:Rate"] = "4";
        settings.Reload();
        Assert.True(limiter.WaitAsync("us-west-1", BraketOperations.CancelQuantumTask, CancellationToken.None).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_caller_that_gives_up_leaves_its_token_to_the_next()
    {
        var time = new FakeTimeProvider();
        var limiter = Limiter(time);
        for (var i = 0; i < 19; i++)
            await limiter.WaitAsync("us-west-1", BraketOperations.CancelQuantumTask, CancellationToken.None);
        limiter.Answered("us-west-1", BraketOperations.CancelQuantumTask, time.GetTimestamp());
        using var giveUp = new CancellationTokenSource();

        var first = limiter.WaitAsync("us-west-1", BraketOperations.CancelQuantumTask, giveUp.Token);
        var second = limiter.WaitAsync("us-west-1", BraketOperations.CancelQuantumTask, CancellationToken.None);
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        var turns = await TurnTimesAsync(time, [second], TimeSpan.FromSeconds(5));

        // The token that came ready first, not a second one: the caller that gave up wasted none.
        Assert.InRange(turns[0], TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(0.95));
    }
}
