namespace BraketBot.Domain;

public sealed record DeviceSummary(string DeviceArn, string DeviceName, string ProviderName, string DeviceType, string DeviceStatus)
{
    public bool IsSimulator => DeviceType.Equals("SIMULATOR", StringComparison.OrdinalIgnoreCase);

    public bool IsRetired => DeviceStatus.Equals("RETIRED", StringComparison.OrdinalIgnoreCase);

    /// <summary>The device's region; empty for simulators, which run in every region.</summary>
    public string Region => Domain.DeviceArn.TryParse(DeviceArn, out var arn) ? arn.Region : "";

    /// <summary>A device known only by its ARN (retired, or not in this account's search).</summary>
    public static DeviceSummary FromArn(DeviceArn arn) =>
        new(arn.Value, arn.Name, arn.Provider, arn.IsSimulator ? "SIMULATOR" : "QPU", "UNKNOWN");
}
