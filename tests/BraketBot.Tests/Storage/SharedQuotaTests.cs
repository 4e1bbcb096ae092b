using System.Diagnostics;
using BraketBot.Braket;
using BraketBot.Storage;
using BraketBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace BraketBot.Tests.Storage;

/// <summary>Quota pacing shared through PostgreSQL: instances keep one quota together, at few round trips, and lose little to one that
/// died.</summary>
public sealed class SharedQuotaTests
{
    /// <summary>The shared buckets, counting the round trips to the database.</summary>
    private sealed class CountedBuckets(IQuotaBuckets inner) : IQuotaBuckets
    {
        private int trips;

        public int Trips => trips;

        public Task<double> TakeAsync(
            string key,
            double rate,
            double capacity,
            int count,
            int returned,
            CancellationToken cancellationToken
        )
        {
            Interlocked.Increment(ref trips);
            return inner.TakeAsync(key, rate, capacity, count, returned, cancellationToken);
        }
    }

    /// <summary>GetQuantumTask at 50 a second with a burst of 10: the shared bucket then holds 6 (less the spare token and the grace's
    /// 3).</summary>
    private static readonly BraketOptions Options = new()
    {
        Quotas = new Dictionary<string, Quota>(StringComparer.OrdinalIgnoreCase) { [BraketOperations.GetQuantumTask] = new(50, 10) },
    };

    /// <summary>An instance's own connection pool, given back when the test ends (the test server's connections are shared).</summary>
    private static PostgresDatabase Pool(TestDatabase database) => new(database.ConnectionString, NullLogger<PostgresDatabase>.Instance);

    private static (QuotaLimiter Limiter, CountedBuckets Buckets) Instance(PostgresDatabase pool)
    {
        var buckets = new CountedBuckets(new PostgresQuotaBuckets(pool));
        var limiter = new QuotaLimiter(
            new FixedOptions<BraketOptions>(Options),
            new FixedOptions<WatchOptions>(new WatchOptions()),
            TimeProvider.System,
            NullLogger<QuotaLimiter>.Instance,
            buckets
        );
        return (limiter, buckets);
    }

    private static async Task CallsAsync(QuotaLimiter limiter, int count)
    {
        for (var i = 0; i < count; i++)
            await limiter.WaitAsync("us-west-1", BraketOperations.GetQuantumTask, CancellationToken.None);
    }

    [PostgresFact]
    public async Task One_instance_calling_one_after_another_leases_slices_not_a_round_trip_per_call()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var pool = Pool(database);
        var (limiter, buckets) = Instance(pool);

        var clock = Stopwatch.StartNew();
        await CallsAsync(limiter, 100);

        Assert.True(buckets.Trips <= 20, $"{buckets.Trips} round trips for 100 calls");
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds((100 - 6 - 1) / 50.0), $"100 calls in {clock.Elapsed}: faster than the quota");
    }

    [PostgresFact]
    public async Task Two_instances_on_one_database_keep_one_quota_together()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var poolA = Pool(database);
        await using var poolB = Pool(database);
        var (a, _) = Instance(poolA);
        var (b, _) = Instance(poolB);

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(CallsAsync(a, 60), CallsAsync(b, 60));

        // Alone, each would be done in a second; together they share 50 a second.
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds((120 - 6 - 1) / 50.0), $"120 calls in {clock.Elapsed}: faster than the quota");
    }

    [PostgresFact]
    public async Task The_slice_of_an_instance_that_stopped_is_back_within_half_a_second()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var poolA = Pool(database);
        await using var poolB = Pool(database);
        var (a, _) = Instance(poolA);
        var (b, _) = Instance(poolB);
        await CallsAsync(a, 100); // its slices have grown to half a second of the quota; it stops holding one

        var clock = Stopwatch.StartNew();
        await CallsAsync(b, 1);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(0.75), $"the other instance waited {clock.Elapsed}");
    }
}
