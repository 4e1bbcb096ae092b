using BraketBot.Limits;

namespace BraketBot.Caps;

/// <summary>
/// What /braket caps shows: the caps in force and today's usage against each, and this month's against
/// the monthly ones (none when no cap is set), with the days of the month the ledger does not hold yet.
/// </summary>
public sealed record CapsReport(CapsOptions Caps, DayWindow Today, IReadOnlyList<CapStanding> Standings, IReadOnlyList<Day> MissingDays)
{
    /// <summary>Watched regions the last scans could not read: the figures leave them out, so they are lower bounds.</summary>
    public IReadOnlyList<RegionFailure> UncheckedRegions { get; init; } = [];

    /// <summary>Braket's own limits beside the caps (none when Braket could not list them).</summary>
    public IReadOnlyList<DeviceLimit> NativeLimits { get; init; } = [];

    /// <summary>The prices the cost caps' usage was estimated at (<see cref="Pricing.Describe"/>); empty without caps.</summary>
    public string Prices { get; init; } = "";

    public IReadOnlyList<CapStanding> Daily => Standings.Where(s => s.Cap.Period == CapPeriod.Day).ToList();

    public IReadOnlyList<CapStanding> Monthly => Standings.Where(s => s.Cap.Period == CapPeriod.Month).ToList();
}
