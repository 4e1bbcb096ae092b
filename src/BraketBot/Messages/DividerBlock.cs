namespace BraketBot.Messages;

public sealed record DividerBlock : Block;
