namespace BraketBot.Home;

/// <summary>Someone who looked at the Home tab lately, and what they may cancel from it.</summary>
public sealed record HomeViewer(string UserId, HomeAccess Access, DateTimeOffset SeenAt);
