namespace BraketBot.Tests.Limits;

public sealed class LimitPlannerTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static SpendingLimit Limit(string device, decimal usd, LimitPeriod period, LimitRenewal? renewal = null, decimal total = 0) =>
        new(
            $"arn:aws:braket:us-west-1:111122223333:spending-limit/{device}",
            device,
            usd,
            0,
            total,
            period,
            renewal is { } r ? LimitTags.For(r) : new Dictionary<string, string>()
        );

    [Fact]
    public void A_day_that_loses_an_hour_to_summer_time_is_a_23_hour_period()
    {
        var period = LimitPeriod.Current(LimitRenewal.Day, new DateTimeOffset(2022, 3, 27, 12, 0, 0, TimeSpan.Zero), Berlin);

        Assert.Equal(new DateTimeOffset(2022, 3, 26, 23, 0, 0, TimeSpan.Zero), period.Start);
        Assert.Equal(TimeSpan.FromHours(23), period.End - period.Start);
    }

    [Theory]
    [InlineData("20", 20, LimitRenewal.Day)]
    [InlineData("$20.5", 20.5, LimitRenewal.Day)]
    [InlineData("20.50/day", 20.5, LimitRenewal.Day)]
    [InlineData("500/Month", 500, LimitRenewal.Month)]
    public void Reads_amounts_as_people_write_them(string text, decimal usd, LimitRenewal renewal)
    {
        Assert.True(LimitAmount.TryParse(text, out var amount, out _));
        Assert.Equal(new LimitAmount(usd, renewal), amount);
    }

    [Theory]
    [InlineData("20.125")]
    [InlineData("20.")]
    [InlineData(".5")]
    [InlineData("1,000")]
    [InlineData("20/day/month")]
    [InlineData("2000000")]
    [InlineData("0.00")]
    public void Refuses_amounts_braket_would_not_take_or_nobody_means(string text) =>
        Assert.False(LimitAmount.TryParse(text, out _, out _));

    [Fact]
    public void Renews_only_tagged_limits_whose_period_is_not_the_current_one()
    {
        var now = new DateTimeOffset(2022, 4, 10, 12, 0, 0, TimeSpan.Zero);
        var today = LimitPeriod.Current(LimitRenewal.Day, now, Berlin);
        var yesterday = LimitPeriod.Current(LimitRenewal.Day, now.AddDays(-1), Berlin);
        var limits = new[]
        {
            Limit("current", 10, today, LimitRenewal.Day),
            Limit("stale", 10, yesterday, LimitRenewal.Day),
            Limit("untagged", 10, yesterday),
        };

        var change = Assert.IsType<LimitChange.Update>(
            Assert.Single(LimitPlanner.Plan(limits, new Dictionary<string, decimal>(), now, Berlin))
        );

        Assert.Equal(("stale", today, 10m, false), (change.DeviceArn, change.Period, change.Usd, change.TakeOver));
    }

    [Fact]
    public void A_daily_limit_is_used_up_by_braket_count_or_by_the_days_estimated_cost()
    {
        var now = new DateTimeOffset(2022, 4, 10, 12, 0, 0, TimeSpan.Zero);
        var today = LimitPeriod.Current(LimitRenewal.Day, now, Berlin);
        var window = DayWindow.For(Day.Of(now, Berlin), Berlin);
        var pricing = new Pricing(new PricingOptions());
        var usage = DayUsage.From(window, [Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 2000, now)], _ => Tasks.Ankaa, pricing);

        // $2.10 estimated
        Assert.Single(LimitPlanner.Reached([Limit(Tasks.AnkaaArn, 2, today, LimitRenewal.Day)], usage.Devices, now, 0.30m));
        Assert.Empty(LimitPlanner.Reached([Limit(Tasks.AnkaaArn, 50, today, LimitRenewal.Day)], usage.Devices, now, 0.30m));
        Assert.Single(LimitPlanner.Reached([Limit(Tasks.AnkaaArn, 50, today, total: 50)], usage.Devices, now, 0.30m));
        Assert.Empty(
            LimitPlanner.Reached([Limit(Tasks.AnkaaArn, 2, today with { End = now }, LimitRenewal.Day)], usage.Devices, now, 0.30m)
        ); // ended: not in force
    }
}
