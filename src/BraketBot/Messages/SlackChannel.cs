namespace BraketBot.Messages;

public sealed record SlackChannel(string Id, string? Name);
