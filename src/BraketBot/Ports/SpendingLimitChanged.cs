namespace BraketBot.Ports;

/// <summary>Braket's empty answer to a change that was made.</summary>
public sealed record SpendingLimitChanged(string SpendingLimitArn);
