namespace BraketBot.Domain;

/// <summary>A Braket limit used up when an alert was planned: Braket itself refuses the device's new tasks.</summary>
public sealed record ReachedLimit(string DeviceName, decimal Limit, LimitRenewal? Renewal);
