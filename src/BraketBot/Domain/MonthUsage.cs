namespace BraketBot.Domain;

/// <summary>A month's usage to date, day by day (from the ledger's daily totals): its devices, its trend and where it is heading.</summary>
/// <param name="Days">The month's days up to today (all of them for a past month), in order.</param>
/// <param name="Missing">Days the ledger does not hold yet: their usage is not in the sums.</param>
public sealed record MonthUsage(Month Month, IReadOnlyList<DayUsage> Days, IReadOnlyList<Day> Missing)
{
    public IReadOnlyList<DeviceUsage> Devices => DeviceUsage.Sum(Days.SelectMany(d => d.Devices));

    /// <summary>The month's devices with <paramref name="day"/>'s usage in place of what the month had of that day (a fresher reading of
    /// it).</summary>
    public IReadOnlyList<DeviceUsage> DevicesWith(DayUsage day) =>
        DeviceUsage.Sum([.. Days.Where(d => d.Window.Day != day.Window.Day).SelectMany(d => d.Devices), .. day.Devices]);

    public decimal Cost => Days.Sum(d => d.Devices.Sum(u => u.EstimatedCost));

    /// <summary>Shots of the tasks that cost money (CREATED, QUEUED, RUNNING, COMPLETED).</summary>
    public long Shots => Days.Sum(d => d.Devices.Sum(u => u.Sum(CapPolicy.CountedStatuses(CapBasis.Day)).Shots));

    /// <summary>
    /// The month's cost if the rest of it goes as it went so far: the cost to date over the part of
    /// the month gone by at <paramref name="now"/> (at least one day of it, so a first hour does not
    /// project a fortune). A month that is over projects what it cost.
    /// </summary>
    public decimal ProjectedCost(DateTimeOffset now) => Days.Count == 0 ? 0 : Math.Round(Cost / (decimal)Fraction(now), 2);

    /// <summary>The part of the month gone by at <paramref name="now"/>: at least a day of it, at most all of it.</summary>
    public double Fraction(DateTimeOffset now)
    {
        if (Days.Count == 0)
            return 1.0;
        var start = Days[0].Window.Start;
        var end = Month.Last.Window(Days[0].Window.TimeZone).End;
        return Math.Clamp((now - start) / (end - start), 1.0 / Month.Length, 1.0);
    }
}
