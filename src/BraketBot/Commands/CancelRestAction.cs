using BraketBot.Enforcement;
using BraketBot.Ports;
using BraketBot.Reports;
using BraketBot.Slack.Messages;
using Microsoft.Extensions.Options;

namespace BraketBot.Commands;

/// <summary>
/// The "Cancel the rest" button of a run that ended with tasks still queued: after Slack's confirm
/// dialog, plans a stored run over exactly the tasks that run left, within the scope the button names,
/// those still QUEUED or CREATED now and not taken by another run, like "Cancel all queued".
/// </summary>
public sealed partial class CancelRestAction(
    QueuedCancellation cancellation,
    IBotStore store,
    ISlackApi slack,
    IOptionsMonitor<AccessOptions> access,
    ILogger<CancelRestAction> logger) : IBlockActionHandler
{
    public const string Id = ActionIds.CancelRest;

    public async Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken cancellationToken)
    {
        var responseUrl = payload.ResponseUrl!;
        Task Tell(string text) => slack.RespondAsync(responseUrl, SlackMessage.Plain(text), Visibility.Ephemeral, replaceOriginal: false, cancellationToken);

        if (!ButtonValues.TryRead(action.Value, out RestOfRun? rest)) { await Tell("This button is no longer valid; run `/braket info` again."); return; }
        if (!access.CurrentValue.IsAdmin(payload.User.Id)) { await Tell(CancelView.NotAllowed); return; }
        var left = await store.GetValueAsync(RunExecutor.RestKey(rest.RunId), cancellationToken);
        if (string.IsNullOrEmpty(left)) { await Tell(RunView.NothingLeft(rest.Scope)); return; }

        var only = left.Split('\n').ToHashSet(StringComparer.Ordinal);
        var planned = await cancellation.PlanAsync(rest.Scope, $"<@{payload.User.Id}>", payload.User.Id, responseUrl, cancellationToken, only);
        if (!planned.IsSuccess)
        {
            await Tell(planned.Problem!);
            return;
        }
        if (planned.Value!.Tasks.Count == 0) { await Tell(RunView.NothingLeft(rest.Scope)); return; }
        if (!await cancellation.TryStartAsync(planned.Value, cancellationToken))
        {
            await Tell(CancelView.AlreadyRunning(rest.Scope));
            return;
        }
        var who = payload.User.Username ?? payload.User.Name ?? "";
        var what = rest.Scope.Describe();
        LogStarted(who, payload.User.Id, planned.Value.Tasks.Count, rest.RunId, what, rest.Scope.Day);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{User} ({UserId}) cancels the {Count} tasks run {RunId} left queued, of {Scope} on {Day}")]
    private partial void LogStarted(string user, string userId, int count, string runId, string scope, Day day);
}
