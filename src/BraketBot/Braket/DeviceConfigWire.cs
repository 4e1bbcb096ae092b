namespace BraketBot.Braket;

internal sealed record DeviceConfigWire(string Device);
