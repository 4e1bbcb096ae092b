namespace BraketBot.Domain;

/// <summary>A calendar day in a time zone, as the UTC interval [Start, End) it covers.</summary>
public sealed record DayWindow(Day Day, TimeZoneInfo TimeZone, DateTimeOffset Start, DateTimeOffset End)
{
    public static DayWindow For(Day day, TimeZoneInfo zone) => new(day, zone, StartOf(day.Date, zone), StartOf(day.Date.AddDays(1), zone));

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    /// <summary>Local midnight in UTC; where a clock change skips midnight, the first minute that exists.</summary>
    private static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
            local = local.AddMinutes(1);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}
