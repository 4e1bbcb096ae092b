namespace BraketBot.Messages;

public sealed record ActionsBlock(IReadOnlyList<ButtonElement> Elements) : Block;
