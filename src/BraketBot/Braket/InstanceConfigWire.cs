namespace BraketBot.Braket;

internal sealed record InstanceConfigWire(string InstanceType, int? InstanceCount);
