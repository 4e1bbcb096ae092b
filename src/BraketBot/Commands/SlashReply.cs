using BraketBot.Messages;

namespace BraketBot.Commands;

/// <summary>A reply to a slash command: the immediate acknowledgement, or the answer posted to its response_url.</summary>
public sealed record SlashReply(SlackMessage Message, Visibility Visibility)
{
    public static SlashReply Private(string text) => new(SlackMessage.Plain(text), Visibility.Ephemeral);

    /// <summary>A command's result in Block Kit, shown as <paramref name="visibility"/> says; a problem only to the person who
    /// asked.</summary>
    public static SlashReply Of<T>(CommandResult<T> result, Func<T, SlackMessage> render, Visibility visibility)
        where T : class => result.IsSuccess ? new SlashReply(render(result.Value!), visibility) : Private(result.Problem!);
}
