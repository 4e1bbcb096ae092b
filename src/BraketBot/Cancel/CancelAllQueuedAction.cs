using BraketBot.Commands;
using BraketBot.Home;
using BraketBot.Messages;
using BraketBot.Ports;
using BraketBot.Views;
using Microsoft.Extensions.Options;

namespace BraketBot.Cancel;

/// <summary>
/// The "Cancel all queued" button (on reports and warnings): after Slack's confirm dialog, plans a
/// stored run over exactly the scope the button names (one run per scope at a time), which cancels
/// every QUEUED or CREATED task of it and updates the message in place, surviving this host.
/// </summary>
public sealed partial class CancelAllQueuedAction(
    QueuedCancellation cancellation,
    ISlackApi slack,
    HomeTab home,
    IOptionsMonitor<AccessOptions> access,
    IOptionsMonitor<CapsOptions> caps,
    ILogger<CancelAllQueuedAction> logger
) : IBlockActionHandler
{
    public const string Id = ActionIds.CancelAllQueued;

    public async Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken cancellationToken)
    {
        // A click on a message is answered there; one on the Home tab (no response_url) by the clicker's tab, drawn again.
        var responseUrl = payload.ResponseUrl;
        var may = HomeAccess.Of(access.CurrentValue, payload.User.Id, caps.CurrentValue.Budgets);
        Task Tell(string text) =>
            responseUrl is null
                ? home.PublishAsync(new HomeRequest(payload.User.Id, may, Viewing: true, Notice: text), cancellationToken)
                : slack.RespondAsync(
                    responseUrl,
                    SlackMessage.Plain(text),
                    Visibility.Ephemeral,
                    replaceOriginal: false,
                    cancellationToken
                );

        if (!ButtonValues.TryRead(action.Value, out CancelScope? clicked))
        {
            await Tell("This button is no longer valid; run `/braket info` again.");
            return;
        }
        if (cancellation.AsConfigured(clicked) is not { } scope)
        {
            await Tell(CancelView.BudgetGone(clicked.Budget!));
            return;
        }
        if (!access.CurrentValue.MayCancel(payload.User.Id, cancellation.BudgetOf(scope)))
        {
            await Tell(scope.Budget is { } budget ? CancelView.NotAllowedFor(budget) : CancelView.NotAllowed);
            return;
        }

        var planned = await cancellation.PlanAsync(scope, $"<@{payload.User.Id}>", payload.User.Id, responseUrl, cancellationToken);
        if (!planned.IsSuccess)
        {
            await Tell(planned.Problem!);
            return;
        }
        if (!await cancellation.TryStartAsync(planned.Value!, cancellationToken))
        {
            await Tell(CancelView.AlreadyRunning(scope));
            return;
        }
        var who = payload.User.Username ?? payload.User.Name ?? "";
        var what = scope.Describe();
        LogStarted(who, payload.User.Id, planned.Value!.Tasks.Count, what, scope.Day);
        if (responseUrl is null)
            await Tell($":hourglass_flowing_sand: Cancelling {planned.Value.Tasks.Count} queued tasks of *{what}* on {scope.Day}…");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{User} ({UserId}) cancels {Count} queued tasks of {Scope} on {Day}")]
    private partial void LogStarted(string user, string userId, int count, string scope, Day day);
}
