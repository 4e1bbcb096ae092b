namespace BraketBot.Messages;

/// <summary>A text object: plain_text or mrkdwn.</summary>
public sealed record TextObject(string Type, string Text)
{
    public bool? Emoji { get; init; }

    public static TextObject Plain(string text) => new("plain_text", text) { Emoji = true };

    public static TextObject Markdown(string text) => new("mrkdwn", text);
}
