using BraketBot.Messages;

namespace BraketBot.Commands;

/// <summary>Handles the clicks on one button, by its action_id, after Slack has been acknowledged.</summary>
public interface IBlockActionHandler
{
    Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken cancellationToken);
}
