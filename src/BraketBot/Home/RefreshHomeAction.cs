using BraketBot.Commands;
using BraketBot.Messages;
using BraketBot.Views;
using Microsoft.Extensions.Options;

namespace BraketBot.Home;

/// <summary>The Home tab's "Refresh" button: the clicker's tab drawn again from the ledger and published.</summary>
public sealed class RefreshHomeAction(HomeTab home, IOptionsMonitor<AccessOptions> access, IOptionsMonitor<CapsOptions> caps)
    : IBlockActionHandler
{
    public const string Id = ActionIds.RefreshHome;

    public Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken cancellationToken) =>
        home.PublishAsync(
            new HomeRequest(payload.User.Id, HomeAccess.Of(access.CurrentValue, payload.User.Id, caps.CurrentValue.Budgets), Viewing: true),
            cancellationToken
        );
}
