namespace BraketBot.Limits;

public sealed record LimitTarget(DeviceSummary Device, DeviceArn Arn);
