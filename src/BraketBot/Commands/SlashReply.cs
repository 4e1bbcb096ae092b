using BraketBot.Slack.Messages;
using BraketBot.Domain;
using BraketBot.Ports;
using BraketBot.Usage;
using BraketBot.Reports;
using BraketBot.Enforcement;

namespace BraketBot.Commands;

/// <summary>A reply to a slash command: the immediate acknowledgement, or the answer posted to its response_url.</summary>
public sealed record SlashReply(SlackMessage Message, Visibility Visibility)
{
    public static SlashReply Private(string text) => new(SlackMessage.Plain(text), Visibility.Ephemeral);
}
