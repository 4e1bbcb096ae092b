using BraketBot.Limits;
using BraketBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace BraketBot.Tests.Limits;

/// <summary>
/// The renewal, built by hand on a <see cref="FakeTimeProvider"/> in a zone that is not UTC, against the
/// Braket fake over real HTTP: limits move to the new period once it starts, and not before.
/// </summary>
public sealed class LimitRenewalTests : IDisposable
{
    private static readonly TimeZoneInfo LosAngeles = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

    /// <summary>2022-04-10 23:59:30 in Los Angeles (PDT, UTC-7): half a minute before the day turns.</summary>
    private static readonly DateTimeOffset BeforeMidnight = new(2022, 4, 11, 6, 59, 30, TimeSpan.Zero);

    private static readonly DateTimeOffset April10 = new(2022, 4, 10, 7, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset April11 = new(2022, 4, 11, 7, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset April12 = new(2022, 4, 12, 7, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset April1 = new(2022, 4, 1, 7, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset May1 = new(2022, 5, 1, 7, 0, 0, TimeSpan.Zero);

    private readonly FakeBraket braket = new();
    private readonly FakeTimeProvider time = new(BeforeMidnight);
    private readonly ResettableStore store;
    private readonly ServiceProvider services;

    public LimitRenewalTests()
    {
        store = new ResettableStore(time);
        services = BraketServices.Create(braket.Url, time: time);
        braket.Devices.AddRange(Tasks.AllDevices);
    }

    public void Dispose()
    {
        Assert.Empty(braket.Unexpected);
        services.Dispose();
        braket.Dispose();
    }

    private LimitSyncJob Job(CapsOptions? caps = null)
    {
        var watch = services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<WatchOptions>>();
        var braketApi = services.GetRequiredService<IBraketApi>();
        var limits = new BraketSpendingLimits(
            braketApi,
            new SpendingLimitsSnapshot(),
            store,
            store,
            watch,
            time,
            NullLogger<BraketSpendingLimits>.Instance
        );
        return new LimitSyncJob(
            limits,
            services.GetRequiredService<DeviceCatalog>(),
            new FixedOptions<CapsOptions>(caps ?? new CapsOptions { TimeZone = "America/Los_Angeles" }),
            time,
            NullLogger<LimitSyncJob>.Instance
        );
    }

    private IReadOnlyList<WireMock.IRequestMessage> Updates() => braket.RequestsOf(BraketOperations.UpdateSpendingLimit);

    private static Dictionary<string, string> Renew(LimitRenewal renewal) => new(LimitTags.For(renewal));

    [Fact]
    public async Task A_daily_limit_moves_to_the_new_day_in_the_zone_once_midnight_passes_there_and_not_before()
    {
        braket.AddSpendingLimit(Tasks.AnkaaArn, 20m, April10, April11, total: 19m, tags: Renew(LimitRenewal.Day));
        var job = Job();

        await job.SyncNowAsync("start", CancellationToken.None);
        await job.RenewIfDueAsync(CancellationToken.None);
        Assert.Empty(Updates()); // still April 10 in Los Angeles, though April 11 in UTC

        time.Advance(TimeSpan.FromMinutes(1));
        await job.RenewIfDueAsync(CancellationToken.None);

        var limit = braket.SpendingLimits.Single();
        Assert.Equal((April11.ToUnixTimeSeconds(), April12.ToUnixTimeSeconds(), "20.00"), (limit.StartAt, limit.EndAt, limit.Limit));
        Assert.Single(Updates());
        Assert.Empty(braket.RequestsOf(BraketOperations.CreateSpendingLimit));
    }

    [Fact]
    public async Task A_monthly_limit_waits_for_the_month_and_a_limit_braketbot_does_not_renew_is_left_alone()
    {
        braket.AddSpendingLimit(Tasks.AnkaaArn, 500m, April1, May1, tags: Renew(LimitRenewal.Month));
        braket.AddSpendingLimit(Tasks.ForteArn, 30m, April10, April11);
        var job = Job();

        await job.SyncNowAsync("start", CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(1));
        await job.RenewIfDueAsync(CancellationToken.None);

        Assert.Empty(Updates());
        Assert.Equal(April12, await Due()); // looked at again each local midnight; renewed only when May comes
    }

    [Fact]
    public async Task A_host_that_was_down_at_midnight_renews_to_the_current_day_on_its_first_tick()
    {
        braket.AddSpendingLimit(Tasks.AnkaaArn, 20m, April10, April11, tags: Renew(LimitRenewal.Day));
        var job = Job();
        await job.SyncNowAsync("start", CancellationToken.None);

        time.Advance(TimeSpan.FromDays(3)); // no tick ran meanwhile
        await job.RenewIfDueAsync(CancellationToken.None);

        var limit = braket.SpendingLimits.Single();
        // April 13 there
        Assert.Equal((April10.AddDays(3).ToUnixTimeSeconds(), April11.AddDays(3).ToUnixTimeSeconds()), (limit.StartAt, limit.EndAt));
        Assert.Single(Updates());
    }

    [Fact]
    public async Task Two_instances_ticking_at_the_same_moment_renew_a_period_once()
    {
        braket.AddSpendingLimit(Tasks.AnkaaArn, 20m, April10, April11, tags: Renew(LimitRenewal.Day));
        braket.Latency = TimeSpan.FromMilliseconds(50); // both are in flight together
        var (a, b) = (Job(), Job());
        await a.SyncNowAsync("start", CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(1));
        await Task.WhenAll(a.RenewIfDueAsync(CancellationToken.None), b.RenewIfDueAsync(CancellationToken.None));
        await Task.WhenAll(a.RenewIfDueAsync(CancellationToken.None), b.RenewIfDueAsync(CancellationToken.None));

        Assert.Single(Updates());
        Assert.Equal(April12, await Due());
    }

    [Fact]
    public async Task A_failed_renewal_is_tried_again_after_a_pause_and_then_lands()
    {
        braket.AddSpendingLimit(Tasks.AnkaaArn, 20m, April10, April11, tags: Renew(LimitRenewal.Day));
        var job = Job();
        await job.SyncNowAsync("start", CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(1));
        braket.Deny(BraketOperations.UpdateSpendingLimit);

        await job.RenewIfDueAsync(CancellationToken.None);
        Assert.Equal(time.GetUtcNow() + LimitSyncJob.RetryAfter, await Due());

        braket.Allow(BraketOperations.UpdateSpendingLimit);
        time.Advance(LimitSyncJob.RetryAfter);
        await job.RenewIfDueAsync(CancellationToken.None);
        Assert.Equal(April11.ToUnixTimeSeconds(), braket.SpendingLimits.Single().StartAt);
    }

    [Fact]
    public async Task A_region_braket_cannot_answer_for_does_not_hold_up_the_renewals_of_the_others()
    {
        braket.AddSpendingLimit(Tasks.AnkaaArn, 20m, April10, April11, tags: Renew(LimitRenewal.Day)); // us-west-1
        braket.AddSpendingLimit(Tasks.ForteArn, 30m, April10, April11, tags: Renew(LimitRenewal.Day)); // us-east-1
        var job = Job();
        await job.SyncNowAsync("start", CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(1));
        braket.Fail(BraketOperations.SearchSpendingLimits, System.Net.HttpStatusCode.Forbidden); // one region's listing is refused

        await job.RenewIfDueAsync(CancellationToken.None);
        Assert.Single(braket.SpendingLimits, l => l.StartAt == April11.ToUnixTimeSeconds());
        Assert.Equal(time.GetUtcNow() + LimitSyncJob.RetryAfter, await Due());

        time.Advance(LimitSyncJob.RetryAfter);
        await job.RenewIfDueAsync(CancellationToken.None);
        Assert.All(braket.SpendingLimits, l => Assert.Equal(April11.ToUnixTimeSeconds(), l.StartAt));
        Assert.Equal(2, Updates().Count);
    }

    [Fact]
    public async Task Mirror_creates_a_daily_limit_at_each_capped_devices_cost_cap_and_takes_over_one_somebody_made()
    {
        var made = braket.AddSpendingLimit(Tasks.AnkaaArn, 80m, April1, May1);
        var caps = new CapsOptions
        {
            TimeZone = "America/Los_Angeles",
            NativeLimits = NativeLimitsMode.Mirror,
            Devices = new(StringComparer.OrdinalIgnoreCase)
            {
                ["Ankaa-3"] = new DeviceCaps { MaxCostPerDay = 25m },
                ["Forte-1"] = new DeviceCaps { MaxCostPerDay = 40.5m },
                ["SV1"] = new DeviceCaps { MaxCostPerDay = 5m }, // a simulator: Braket limits none
                ["Aspen-M-1"] = new DeviceCaps { MaxShotsPerDay = 100 }, // no cost cap: nothing to mirror
            },
        };

        await Job(caps).SyncNowAsync("start", CancellationToken.None);
        await Job(caps).SyncNowAsync("caps changed", CancellationToken.None); // a second sync finds nothing to do

        var limits = braket.SpendingLimits.ToDictionary(l => l.DeviceArn);
        Assert.Equal([Tasks.AnkaaArn, Tasks.ForteArn], limits.Keys.OrderBy(k => k.Contains("Ankaa", StringComparison.Ordinal) ? 0 : 1));
        Assert.Equal(
            (made, "25.00", April10.ToUnixTimeSeconds(), "day"),
            (
                limits[Tasks.AnkaaArn].Arn,
                limits[Tasks.AnkaaArn].Limit,
                limits[Tasks.AnkaaArn].StartAt,
                limits[Tasks.AnkaaArn].Tags[LimitTags.Renew]
            )
        );
        Assert.Equal(
            ("40.50", April11.ToUnixTimeSeconds(), "day"),
            (limits[Tasks.ForteArn].Limit, limits[Tasks.ForteArn].EndAt, limits[Tasks.ForteArn].Tags[LimitTags.Renew])
        );
        Assert.Single(braket.RequestsOf(BraketOperations.CreateSpendingLimit));
        Assert.Single(braket.RequestsOf(BraketOperations.UpdateSpendingLimit));
        Assert.Single(braket.RequestsOf(BraketOperations.TagResource));
        Assert.Equal(April11, await Due());
    }

    private async Task<DateTimeOffset?> Due() =>
        DateTimeOffset.TryParse(await store.GetValueAsync(BraketSpendingLimits.NextRenewalKey, CancellationToken.None), out var due)
            ? due
            : null;
}
