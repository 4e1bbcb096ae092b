using BraketBot.Messages;
using BraketBot.Ports;

namespace BraketBot.Home;

/// <summary>Slack's views.publish: a user's Home tab, replaced whole.</summary>
public interface ISlackViews
{
    /// <summary>Publishes the blocks as the user's Home tab (at most <see cref="HomeView.MaxBlocks"/>); safe to repeat.</summary>
    Task<SlackResult> PublishHomeAsync(string userId, IReadOnlyList<Block> blocks, CancellationToken cancellationToken);
}
