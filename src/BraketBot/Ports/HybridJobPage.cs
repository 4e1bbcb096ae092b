namespace BraketBot.Ports;

public sealed record HybridJobPage(IReadOnlyList<HybridJob> Jobs, string? NextToken);
