namespace BraketBot.Messages;

public sealed record SectionBlock(TextObject? Text = null, IReadOnlyList<TextObject>? Fields = null) : Block;
