namespace BraketBot.Messages;

public sealed record SlackTeam(string Id);
