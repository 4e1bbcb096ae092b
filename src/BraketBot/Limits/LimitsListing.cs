namespace BraketBot.Limits;

public sealed record LimitsListing(IReadOnlyList<SpendingLimit> Limits, DateTimeOffset ListedAt);
