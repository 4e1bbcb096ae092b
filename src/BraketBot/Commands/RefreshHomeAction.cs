using BraketBot.Home;
using BraketBot.Reports;
using BraketBot.Slack.Messages;
using Microsoft.Extensions.Options;

namespace BraketBot.Commands;

/// <summary>The Home tab's "Refresh" button: the clicker's tab drawn again from the ledger and published.</summary>
public sealed class RefreshHomeAction(HomeTab home, IOptionsMonitor<AccessOptions> access, IOptionsMonitor<CapsOptions> caps)
    : IBlockActionHandler
{
    public const string Id = ActionIds.RefreshHome;

    public Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken cancellationToken) =>
        home.PublishAsync(
            new HomeRequest(payload.User.Id, access.CurrentValue.HomeAccessOf(payload.User.Id, caps.CurrentValue.Budgets), Viewing: true),
            cancellationToken
        );
}
