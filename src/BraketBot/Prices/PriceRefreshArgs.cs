namespace BraketBot.Prices;

/// <summary>The argument of <see cref="PriceRefreshJob"/>: versioned, so that a queued job outlives an upgrade.</summary>
public sealed record PriceRefreshArgs(int Version = 1);
