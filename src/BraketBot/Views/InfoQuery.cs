namespace BraketBot.Views;

/// <summary>What a report shows, carried by its Refresh button.</summary>
public sealed record InfoQuery(Day Day, string? Device);
