using BraketBot.Commands;
using BraketBot.Messages;
using BraketBot.Ports;

namespace BraketBot.Interactions;

/// <summary>
/// The slow part of a command or a click, run after Slack got its acknowledgement; answers go to the
/// response_url. A failure is told to the person once, never repeated behind their back.
/// </summary>
public sealed partial class CommandRunner(CommandDispatcher handlers, ISlackApi slack, ILogger<CommandRunner> logger)
{
    public const string Failure = "Something went wrong on BraketBot's side (it is logged). Try again in a minute.";

    public async Task RunCommandAsync(SlashCommand slash, ParsedCommand command, CancellationToken cancellationToken)
    {
        SlashReply reply;
        try
        {
            reply = await handlers.HandleAsync(command, slash, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogCommandFailed(e, slash.Text, slash.UserId);
            reply = SlashReply.Private(Failure);
        }
        var sent = await slack.RespondAsync(slash.ResponseUrl, reply.Message, reply.Visibility, replaceOriginal: false, cancellationToken);
        if (!sent.Ok)
            LogReplyLost(slash.Text, sent.Error);
    }

    public async Task RunClickAsync(BlockActionsPayload payload, CancellationToken cancellationToken)
    {
        foreach (var action in payload.Actions)
        {
            try
            {
                await handlers.For(action).HandleAsync(payload, action, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogClickFailed(e, action.ActionId, payload.User.Id);
                if (payload.ResponseUrl is { } responseUrl)
                    await slack.RespondAsync(
                        responseUrl,
                        SlackMessage.Plain(Failure),
                        Visibility.Ephemeral,
                        replaceOriginal: false,
                        cancellationToken
                    );
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "/braket {Text} from {UserId} failed")]
    private partial void LogCommandFailed(Exception e, string text, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The reply to /braket {Text} was not delivered: {Error}")]
    private partial void LogReplyLost(string text, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Button {ActionId} clicked by {UserId} failed")]
    private partial void LogClickFailed(Exception e, string actionId, string userId);
}
