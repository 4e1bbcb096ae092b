using BraketBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace BraketBot.Tests.Usage;

/// <summary>Months in a zone that is not UTC: where a month begins and ends, what it sums, where it is heading.</summary>
public sealed class MonthTests
{
    private static readonly TimeZoneInfo LosAngeles = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

    /// <summary>2022-04-30 23:30 in Los Angeles (UTC-7): the last half hour of April there, already May in UTC.</summary>
    private static readonly DateTimeOffset LastHalfHourOfApril = new(2022, 5, 1, 6, 30, 0, TimeSpan.Zero);

    private static (UsageLedger Ledger, ResettableStore Store, FakeTimeProvider Time) Ledger(DateTimeOffset now)
    {
        var time = new FakeTimeProvider(now);
        var store = new ResettableStore(time);
        var caps = new FixedOptions<CapsOptions>(new CapsOptions { TimeZone = "America/Los_Angeles" });
        var watch = new FixedOptions<WatchOptions>(new WatchOptions { Regions = ["us-west-1"] });
        var pricing = new Pricing(new PricingOptions());
        // Reading the ledger calls no Braket operation: the client is never reached.
        var catalog = new DeviceCatalog(null!, new DeviceCatalogCache(), watch, time, NullLogger<DeviceCatalog>.Instance);
        var scanner = new DayScanner(null!, catalog, caps, watch, time);
        var unread = new RegionFailureLog(store, TestMetrics.Create(), NullLogger<RegionFailureLog>.Instance);
        var origins = new TaskOrigins(store, null!, caps, time, NullLogger<TaskOrigins>.Instance);
        var jobs = new JobBook(store, store, null!, catalog, pricing, time, NullLogger<JobBook>.Instance);
        var ledger = new UsageLedger(
            store,
            store,
            null!,
            scanner,
            unread,
            catalog,
            pricing,
            origins,
            jobs,
            caps,
            time,
            NullLogger<UsageLedger>.Instance
        );
        return (ledger, store, time);
    }

    private static async Task Record(ResettableStore store, params QuantumTaskSummary[] tasks) =>
        await store.RecordAsync(tasks.Select(t => new LedgerTask(t, Day.Of(t.CreatedAt, LosAngeles), t.CreatedAt)).ToList(), default);

    [Fact]
    public void A_month_in_a_zone_runs_from_its_local_midnight_to_the_next_month_s()
    {
        var april = Month.Of(Day.Of(LastHalfHourOfApril, LosAngeles));

        Assert.Equal("2022-04", april.ToString());
        Assert.Equal(new DateTimeOffset(2022, 4, 1, 7, 0, 0, TimeSpan.Zero), april.First.Window(LosAngeles).Start);
        Assert.Equal(new DateTimeOffset(2022, 5, 1, 7, 0, 0, TimeSpan.Zero), april.Last.Window(LosAngeles).End);
        Assert.Equal(30, april.Days.Count());
        Assert.True(Month.TryParse("2022-4", out var parsed) && parsed == april);
        Assert.False(Month.TryParse("2022-13", out _));
    }

    [Fact]
    public void A_monthly_cap_is_claimed_per_month_and_lasts_through_it()
    {
        var cap = new Cap(CapScope.Account, CapMetric.Cost, 100, CapPeriod.Month);
        var lastDay = Day.Parse("2022-04-30");

        Assert.Equal("alert:2022-04:account:Cost:Breach", CapEnforcer.AlertKey(lastDay, cap, CapLevel.Breach));
        Assert.Equal(
            "alert:2022-04-30:account:Cost:Breach",
            CapEnforcer.AlertKey(lastDay, cap with { Period = CapPeriod.Day }, CapLevel.Breach)
        );
        Assert.Equal(new DateTimeOffset(2022, 5, 1, 7, 0, 0, TimeSpan.Zero), cap.PeriodEnd(Day.Parse("2022-04-02"), LosAngeles));
    }

    [Fact]
    public async Task The_month_sums_the_days_of_its_zone_and_rolls_over_at_local_midnight()
    {
        var (ledger, store, time) = Ledger(LastHalfHourOfApril);
        var lateOnTheLastDay = Tasks.Task(
            Tasks.AspenArn,
            QuantumTaskStatus.Completed,
            100,
            new DateTimeOffset(2022, 5, 1, 6, 0, 0, TimeSpan.Zero)
        ); // 04-30 23:00 local
        var firstHour = Tasks.Task(
            Tasks.AspenArn,
            QuantumTaskStatus.Completed,
            10,
            new DateTimeOffset(2022, 4, 1, 7, 30, 0, TimeSpan.Zero)
        ); // 04-01 00:30 local
        var lateInMarch = Tasks.Task(
            Tasks.AspenArn,
            QuantumTaskStatus.Completed,
            1,
            new DateTimeOffset(2022, 4, 1, 6, 30, 0, TimeSpan.Zero)
        ); // 03-31 23:30 local
        await Record(store, lateOnTheLastDay, firstHour, lateInMarch);
        await store.MarkScannedAsync([Day.Parse("2022-04-01"), Day.Parse("2022-04-30")], Retention.EveryDevice, time.GetUtcNow(), default);

        var april = await ledger.MonthUsageAsync(Month.Of(Day.Parse("2022-04-30")), Day.Parse("2022-04-30"), default);

        Assert.Equal(30, april.Days.Count);
        Assert.Equal(110, april.Shots);
        Assert.Equal(28, april.Missing.Count); // only the first and the last day were scanned
        Assert.Equal(Day.Parse("2022-04-02"), april.Missing[0]);

        time.Advance(TimeSpan.FromHours(1)); // 2022-05-01 00:30 in Los Angeles
        var may = await ledger.MonthUsageAsync(
            Month.Of(Day.Of(time.GetUtcNow(), LosAngeles)),
            Day.Of(time.GetUtcNow(), LosAngeles),
            default
        );
        Assert.Equal(("2022-05", 1, 0L), (may.Month.ToString(), may.Days.Count, may.Shots));
    }

    [Fact]
    public async Task The_projection_is_the_cost_so_far_over_the_part_of_the_month_gone_by()
    {
        var midApril = new DateTimeOffset(2022, 4, 15, 19, 0, 0, TimeSpan.Zero); // 04-15 12:00 local: half of April gone by
        var (ledger, store, _) = Ledger(midApril);
        await Record(
            store,
            Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Completed, 0, midApril.AddHours(-1)),
            Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 0, midApril.AddHours(-2))
        );

        var april = await ledger.MonthUsageAsync(Month.Of(Day.Parse("2022-04-15")), Day.Parse("2022-04-15"), default);

        Assert.Equal(0.60m, april.Cost); // two tasks at $0.30
        Assert.Equal(1.24m, april.ProjectedCost(midApril)); // 0.60 over 14.5 of 30 days
        Assert.Equal(18.00m, april.ProjectedCost(april.Days[0].Window.Start.AddMinutes(1))); // never less than a day gone by
    }
}
