namespace BraketBot.Braket;

internal sealed record AssociationWire(string Arn, string Type);
