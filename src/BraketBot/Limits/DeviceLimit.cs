namespace BraketBot.Limits;

public sealed record DeviceLimit(DeviceSummary Device, SpendingLimit Limit)
{
    public static IReadOnlyList<DeviceLimit> All(IEnumerable<SpendingLimit> limits, Func<string, DeviceSummary> describe) =>
        limits
            .Select(l => new DeviceLimit(describe(l.DeviceArn), l))
            .OrderBy(l => l.Device.DeviceName, StringComparer.OrdinalIgnoreCase)
            .ToList();
}
