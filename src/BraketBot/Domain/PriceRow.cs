namespace BraketBot.Domain;

/// <summary>
/// One price of the AWS price list's offer file for AmazonBraket, with the columns BraketBot prices by:
/// <c>DeviceName</c> names the device of on-demand tasks, <c>Device Name</c> that of a hybrid job's tasks,
/// <c>Instance Type</c> a hybrid job's instance, <c>Version</c> a simulator.
/// </summary>
public sealed record PriceRow(
    string RegionCode,
    string ProductFamily,
    string DeviceName,
    string JobDeviceName,
    string InstanceType,
    string Version,
    decimal PricePerUnit,
    string Unit
);
