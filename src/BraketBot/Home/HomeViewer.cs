namespace BraketBot.Home;

/// <summary>Someone who looked at the Home tab lately, and whether they are an admin.</summary>
public sealed record HomeViewer(string UserId, bool Admin, DateTimeOffset SeenAt);
