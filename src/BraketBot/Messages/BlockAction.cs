namespace BraketBot.Messages;

public sealed record BlockAction(string ActionId, string? BlockId, string? Value, string? ActionTs);
