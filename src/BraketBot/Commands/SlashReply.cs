using BraketBot.Slack.Messages;

namespace BraketBot.Commands;

/// <summary>A reply to a slash command: the immediate acknowledgement, or the answer posted to its response_url.</summary>
public sealed record SlashReply(SlackMessage Message, Visibility Visibility)
{
    public static SlashReply Private(string text) => new(SlackMessage.Plain(text), Visibility.Ephemeral);
}
