namespace BraketBot.Domain;

/// <summary>How often BraketBot moves a Braket spending limit on to the current period.</summary>
public enum LimitRenewal
{
    Day,
    Month,
}

/// <summary>
/// How BraketBot treats Braket's own spending limits: <c>Off</c> leaves them alone except those set
/// with /braket limits set; <c>Mirror</c> keeps a daily limit equal to each device's MaxCostPerDay.
/// </summary>
public enum NativeLimitsMode
{
    Off,
    Mirror,
}

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

/// <summary>A Braket limit used up when an alert was planned: Braket itself refuses the device's new tasks.</summary>
public sealed record ReachedLimit(string DeviceName, decimal Limit, LimitRenewal? Renewal);

/// <summary>What to change so that the limits stand as BraketBot keeps them.</summary>
public abstract record LimitChange(string DeviceArn)
{
    /// <summary>No limit on the device yet (a mirrored cap): create one.</summary>
    public sealed record Create(string DeviceArn, decimal Usd, LimitPeriod Period, LimitRenewal Renewal) : LimitChange(DeviceArn);

    /// <summary>
    /// Move an existing limit to <paramref name="Period"/> at <paramref name="Usd"/>; <paramref name="TakeOver"/>: it lacks
    /// BraketBot's tag for <paramref name="Renewal"/> (somebody else's limit, or one renewed on another rhythm) and is tagged first.
    /// </summary>
    public sealed record Update(SpendingLimit Limit, decimal Usd, LimitPeriod Period, LimitRenewal Renewal, bool TakeOver)
        : LimitChange(Limit.DeviceArn);
}
