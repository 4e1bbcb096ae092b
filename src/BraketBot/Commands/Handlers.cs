using BraketBot.Slack;

namespace BraketBot.Commands;

/// <summary>A reply to a slash command, posted to its response_url.</summary>
public sealed record SlashReply(SlackMessage Message, Visibility Visibility)
{
    public static SlashReply Private(string text) => new(SlackMessage.Plain(text), Visibility.Ephemeral);
}

/// <summary>Handles one /braket subcommand, after Slack has been acknowledged.</summary>
public interface ISlashCommandHandler
{
    string CommandName { get; }

    Task<SlashReply> HandleAsync(ParsedCommand command, SlashCommand slash, CancellationToken cancellationToken);
}

/// <summary>Handles the clicks on one button, by its action_id, after Slack has been acknowledged.</summary>
public interface IBlockActionHandler
{
    string ActionId { get; }

    Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken cancellationToken);
}
