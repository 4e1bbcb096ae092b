namespace BraketBot.Domain;

/// <summary>A spending limit's period, as Braket takes it: tasks are accepted from <see cref="Start"/> until <see cref="End"/>.</summary>
public sealed record LimitPeriod(DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>The day (or month) in <paramref name="zone"/> that <paramref name="now"/> falls in.</summary>
    public static LimitPeriod Current(LimitRenewal renewal, DateTimeOffset now, TimeZoneInfo zone)
    {
        var today = Day.Of(now, zone);
        var (first, last) = renewal == LimitRenewal.Month ? (Month.Of(today).First, Month.Of(today).Last) : (today, today);
        return new LimitPeriod(first.Window(zone).Start, last.Window(zone).End);
    }

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    /// <summary>Braket's timePeriod is whole epoch seconds; two periods are the same when those are.</summary>
    public bool SameAs(LimitPeriod other) =>
        Start.ToUnixTimeSeconds() == other.Start.ToUnixTimeSeconds() && End.ToUnixTimeSeconds() == other.End.ToUnixTimeSeconds();
}
