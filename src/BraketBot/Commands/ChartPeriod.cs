namespace BraketBot.Commands;

/// <summary>What a chart covers: a day, or a month (null: this month).</summary>
public abstract record ChartPeriod
{
    public sealed record OfDay(DayQuery Day) : ChartPeriod;

    public sealed record OfMonth(Month? Month) : ChartPeriod;
}
