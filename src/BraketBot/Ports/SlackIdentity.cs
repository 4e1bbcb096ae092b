namespace BraketBot.Ports;

/// <summary>The bot token's identity, as auth.test tells it: the workspace and the bot user.</summary>
public sealed record SlackIdentity(string Team, string? TeamUrl, string User);
