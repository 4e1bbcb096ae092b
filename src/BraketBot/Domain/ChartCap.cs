namespace BraketBot.Domain;

/// <summary>A cap drawn as a line across a panel, at its limit.</summary>
public sealed record ChartCap(string Label, double Limit);
