using System.Collections.Concurrent;
using BraketBot.Hosting;
using BraketBot.Ports;
using BraketBot.Usage;
using Microsoft.Extensions.Options;

namespace BraketBot.Braket;

/// <summary>
/// Paces calls per region and operation so that a burst of work stays inside Braket's quotas instead of provoking
/// 429s. Each region's and operation's callers queue by <see cref="BraketPriority"/>; their tokens come from this
/// process's bucket, or, where instances share a store (<see cref="IQuotaBuckets"/>), from slices of one bucket per
/// account, region and operation that all the instances on it draw from, so that together they keep the quota.
/// </summary>
/// <remarks>
/// One token of the burst is kept in hand. Braket's bucket starts refilling when our first call reaches it, a network
/// delay after ours started: without the spare token the paced calls that follow a burst arrive that delay too early,
/// and are throttled (the benchmark showed it).
/// </remarks>
[HotPath]
public sealed partial class QuotaLimiter : IDisposable
{
    private readonly ConcurrentDictionary<(string Region, string Operation), QuotaQueue> queues = new();
    private readonly IOptionsMonitor<BraketOptions> options;
    private readonly IOptionsMonitor<WatchOptions> watch;
    private readonly TimeProvider time;
    private readonly ILogger<QuotaLimiter> logger;
    private readonly IQuotaBuckets? shared;
    private readonly IDisposable? listening;
    private IReadOnlyList<Quota> quotas;

    public QuotaLimiter(
        IOptionsMonitor<BraketOptions> options,
        IOptionsMonitor<WatchOptions> watch,
        TimeProvider time,
        ILogger<QuotaLimiter> logger,
        IQuotaBuckets? shared = null
    )
    {
        this.options = options;
        this.watch = watch;
        this.time = time;
        this.logger = logger;
        this.shared = shared;
        quotas = QuotasOf(options.CurrentValue);
        // Quotas raised or lowered in the configuration apply from the next call, without a restart. Any other reload
        // keeps the buckets: new ones would start full and spend a burst Braket's buckets do not have.
        listening = options.OnChange(changed =>
        {
            var now = QuotasOf(changed);
            if (!Interlocked.Exchange(ref quotas, now).SequenceEqual(now))
                queues.Clear();
        });
    }

    private static IReadOnlyList<Quota> QuotasOf(BraketOptions braket) => [.. Quota.Documented.Keys.Select(braket.QuotaFor)];

    public void Dispose() => listening?.Dispose();

    /// <summary>Waits for a token of the region's and operation's quota, at the caller's <see cref="BraketPriority.Current"/>.</summary>
    public Task WaitAsync(string region, string operation, CancellationToken cancellationToken) =>
        queues.GetOrAdd((region, operation), Queue).WaitAsync(BraketPriority.Current, cancellationToken);

    /// <summary>
    /// A call sent at <paramref name="sentAt"/> (a <see cref="TimeProvider.GetTimestamp"/>) was answered, or failed: by now
    /// Braket's bucket has seen it, so a bucket left full by its burst refills from now.
    /// </summary>
    public void Answered(string region, string operation, long sentAt)
    {
        if (queues.TryGetValue((region, operation), out var queue))
            queue.Answered(sentAt);
    }

    private QuotaQueue Queue((string Region, string Operation) key)
    {
        var quota = options.CurrentValue.QuotaFor(key.Operation);
        var bucket = new TokenBucket(quota with { Burst = Math.Max(1, quota.Burst - 1) }, time);
        if (shared is null)
            return new QuotaQueue(new LocalQuotaTokens(bucket, time));
        // Instances on one store watch one account; the account is in the key so that a store shared more widely still paces each apart.
        var account = watch.CurrentValue.AccountId ?? "this-account";
        return new QuotaQueue(new SharedQuotaTokens(shared, $"{account}/{key.Region}/{key.Operation}", quota, bucket, time, logger));
    }
}
