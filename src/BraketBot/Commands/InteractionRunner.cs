using BraketBot.Slack;

namespace BraketBot.Commands;

/// <summary>Runs the handlers of a button click after Slack got its acknowledgement.</summary>
public sealed class InteractionRunner(IEnumerable<IBlockActionHandler> handlers, ISlackApi slack, ILogger<InteractionRunner> logger)
{
    public async Task RunAsync(BlockActionsPayload payload, CancellationToken cancellationToken)
    {
        foreach (var action in payload.Actions)
        {
            if (handlers.FirstOrDefault(h => h.ActionId == action.ActionId) is not { } handler) continue;
            try
            {
                await handler.HandleAsync(payload, action, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogError(e, "Button {ActionId} clicked by {UserId} failed", action.ActionId, payload.User.Id);
                await slack.RespondAsync(payload.ResponseUrl!, SlackMessage.Plain(SlashCommandRunner.Failure), Visibility.Ephemeral,
                    replaceOriginal: false, cancellationToken);
            }
        }
    }
}
