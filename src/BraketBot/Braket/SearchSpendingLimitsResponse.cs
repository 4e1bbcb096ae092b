namespace BraketBot.Braket;

internal sealed record SearchSpendingLimitsResponse(IReadOnlyList<SpendingLimitWire> SpendingLimits, string? NextToken);
