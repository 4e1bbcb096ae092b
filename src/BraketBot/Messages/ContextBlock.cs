namespace BraketBot.Messages;

public sealed record ContextBlock(IReadOnlyList<TextObject> Elements) : Block;
