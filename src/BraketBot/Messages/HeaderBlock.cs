namespace BraketBot.Messages;

public sealed record HeaderBlock(TextObject Text) : Block;
