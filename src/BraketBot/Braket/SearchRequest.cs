namespace BraketBot.Braket;

internal sealed record SearchRequest(IReadOnlyList<FilterWire>? Filters, int MaxResults, string? NextToken);
