namespace BraketBot.Domain;

/// <summary>One stack of bars: a device's (or a status's) amount in each bucket.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double> Values);
