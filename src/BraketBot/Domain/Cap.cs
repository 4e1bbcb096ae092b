namespace BraketBot.Domain;

public sealed record Cap(CapScope Scope, CapMetric Metric, decimal Limit, CapPeriod Period = CapPeriod.Day)
{
    /// <summary>The period of this cap that <paramref name="day"/> falls in, as the alert keys name it: 2022-04-10, or 2022-04.</summary>
    public string PeriodOf(Day day) => Period == CapPeriod.Month ? Month.Of(day).ToString() : day.ToString();

    /// <summary>When that period ends, in UTC.</summary>
    public DateTimeOffset PeriodEnd(Day day, TimeZoneInfo zone) => (Period == CapPeriod.Month ? Month.Of(day).Last : day).Window(zone).End;
}
