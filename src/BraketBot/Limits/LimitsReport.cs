namespace BraketBot.Limits;

/// <summary>What /braket limits shows: Braket's own spending limits, each with its device, by device name, as of <paramref name="Now"/>,
/// with days in <paramref name="Zone"/>.</summary>
public sealed record LimitsReport(IReadOnlyList<DeviceLimit> Limits, DateTimeOffset Now, TimeZoneInfo Zone)
{
    public static LimitsReport Of(
        IEnumerable<SpendingLimit> limits,
        Func<string, DeviceSummary> describe,
        DateTimeOffset now,
        TimeZoneInfo zone
    ) => new(DeviceLimit.All(limits, describe), now, zone);
}
