namespace BraketBot.Tests.Usage;

public sealed class DayWindowTests
{
    [Fact]
    public void A_day_in_utc_is_24_hours_from_midnight()
    {
        var window = DayWindow.For(new Day(new DateOnly(2022, 4, 10)), TimeZoneInfo.Utc);

        Assert.Equal(new DateTimeOffset(2022, 4, 10, 0, 0, 0, TimeSpan.Zero), window.Start);
        Assert.Equal(new DateTimeOffset(2022, 4, 11, 0, 0, 0, TimeSpan.Zero), window.End);
    }

    [Fact]
    public void A_day_follows_its_time_zone_and_its_clock_changes()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        var springForward = DayWindow.For(new Day(new DateOnly(2022, 3, 27)), berlin);

        Assert.Equal(new DateTimeOffset(2022, 3, 26, 23, 0, 0, TimeSpan.Zero), springForward.Start);
        Assert.Equal(TimeSpan.FromHours(23), springForward.End - springForward.Start);
    }

    [Fact]
    public void A_day_whose_midnight_does_not_exist_starts_at_its_first_minute()
    {
        // Santiago skipped from 00:00 to 01:00 on 2022-09-11.
        var santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");

        var window = DayWindow.For(new Day(new DateOnly(2022, 9, 11)), santiago);

        Assert.Equal(new DateTimeOffset(2022, 9, 11, 4, 0, 0, TimeSpan.Zero), window.Start);
        Assert.Equal(TimeSpan.FromHours(23), window.End - window.Start);
    }

    [Fact]
    public void Today_is_the_date_in_the_zone_not_on_the_host()
    {
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var instant = new DateTimeOffset(2022, 4, 10, 20, 0, 0, TimeSpan.Zero);

        Assert.Equal(Day.Parse("2022-04-11"), Day.Of(instant, tokyo));
        Assert.Equal(Day.Parse("2022-04-10"), Day.Of(instant, TimeZoneInfo.Utc));
    }
}
