namespace BraketBot.Domain;

/// <summary>A device's on-demand price in the built-in table: its region, provider and ARN name, and whether Braket retired it.</summary>
public sealed record BuiltInPrice(string Region, string Provider, string Name, decimal PerShot, bool Retired = false)
{
    public bool Prices(DeviceSummary device) =>
        device.Region.Equals(Region, StringComparison.OrdinalIgnoreCase)
        && (device.Names(Name) || DeviceNames.PriceListName(DeviceNames.ArnName(device)).Equals(Name, StringComparison.OrdinalIgnoreCase));
}
