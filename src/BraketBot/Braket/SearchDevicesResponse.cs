namespace BraketBot.Braket;

internal sealed record SearchDevicesResponse(IReadOnlyList<DeviceSummary> Devices, string? NextToken);
