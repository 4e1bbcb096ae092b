namespace BraketBot.Messages;

/// <summary>An image Slack hosts: a file the bot uploaded, shown by its id (shared or not).</summary>
public sealed record ImageBlock(SlackFileRef SlackFile, string AltText) : Block
{
    public TextObject? Title { get; init; }
}
