using System.Text.Json.Serialization;

namespace BraketBot.Slack.Messages;

// Block Kit, the part of it BraketBot uses: https://api.slack.com/reference/block-kit

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(HeaderBlock), "header")]
[JsonDerivedType(typeof(SectionBlock), "section")]
[JsonDerivedType(typeof(DividerBlock), "divider")]
[JsonDerivedType(typeof(ContextBlock), "context")]
[JsonDerivedType(typeof(ActionsBlock), "actions")]
[JsonDerivedType(typeof(ImageBlock), "image")]
public abstract record Block
{
    public string? BlockId { get; init; }
}

public sealed record HeaderBlock(TextObject Text) : Block;

public sealed record SectionBlock(TextObject? Text = null, IReadOnlyList<TextObject>? Fields = null) : Block;

public sealed record DividerBlock : Block;

public sealed record ContextBlock(IReadOnlyList<TextObject> Elements) : Block;

/// <summary>An image Slack hosts: a file the bot uploaded, shown by its id (shared or not).</summary>
public sealed record ImageBlock(SlackFileRef SlackFile, string AltText) : Block
{
    public TextObject? Title { get; init; }
}

/// <summary>Slack's file object of an image block: the file by its id.</summary>
public sealed record SlackFileRef(string Id);

public sealed record ActionsBlock(IReadOnlyList<ButtonElement> Elements) : Block;

public sealed record ButtonElement(TextObject Text, string ActionId, string Value)
{
    public string Type => "button";
    public string? Style { get; init; }
    public ConfirmDialog? Confirm { get; init; }
}

public sealed record ConfirmDialog(TextObject Title, TextObject Text, TextObject Confirm, TextObject Deny)
{
    public string? Style { get; init; }
}
