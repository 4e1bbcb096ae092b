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
    IKeyValueStore store,
    ISlackApi slack,
    IOptionsMonitor<AccessOptions> access,
    ILogger<CancelRestAction> logger
) : IBlockActionHandler
{
    public const string Id = ActionIds.CancelRest;

    public async Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken cancellationToken)
    {
        if (await StartAsync(payload, action.Value, cancellationToken) is { } problem)
            await slack.RespondAsync(
                payload.ResponseUrl!,
                SlackMessage.Plain(problem),
                Visibility.Ephemeral,
                replaceOriginal: false,
                cancellationToken
            );
    }

    /// <returns>Why nothing was started, for the person who clicked; null once the run is started (it answers for itself).</returns>
    private async Task<string?> StartAsync(BlockActionsPayload payload, string? value, CancellationToken cancellationToken)
    {
        if (!ButtonValues.TryRead(value, out RestOfRun? clicked))
            return "This button is no longer valid; run `/braket info` again.";
        if (cancellation.AsConfigured(clicked.Scope) is not { } scope)
            return CancelView.BudgetGone(clicked.Scope.Budget!);
        if (!access.CurrentValue.MayCancel(payload.User.Id, cancellation.BudgetOf(scope)))
            return scope.Budget is { } budget ? CancelView.NotAllowedFor(budget) : CancelView.NotAllowed;
        var rest = clicked with { Scope = scope };
        if (await LeftByAsync(rest, cancellationToken) is not { } only)
            return RunView.NothingLeft(rest.Scope);
        var planned = await cancellation.PlanAsync(
            rest.Scope,
            $"<@{payload.User.Id}>",
            payload.User.Id,
            payload.ResponseUrl,
            cancellationToken,
            only
        );
        if (!planned.IsSuccess)
            return planned.Problem;
        var run = planned.Value!;
        if (run.Tasks.Count == 0)
            return RunView.NothingLeft(rest.Scope);
        if (!await cancellation.TryStartAsync(run, cancellationToken))
            return CancelView.AlreadyRunning(rest.Scope);
        var who = payload.User.Username ?? payload.User.Name ?? "";
        var what = rest.Scope.Describe();
        LogStarted(who, payload.User.Id, run.Tasks.Count, rest.RunId, what, rest.Scope.Day);
        return null;
    }

    /// <summary>
    /// Which tasks the run left: its stored list, or, when the bot stopped and the list died with it, what was created before the run.
    /// </summary>
    private async Task<Func<QuantumTaskSummary, bool>?> LeftByAsync(RestOfRun rest, CancellationToken cancellationToken)
    {
        var left = await store.GetValueAsync(RunExecutor.RestKey(rest.RunId), cancellationToken);
        if (!string.IsNullOrEmpty(left))
        {
            var arns = left.Split('\n').ToHashSet(StringComparer.Ordinal);
            return t => arns.Contains(t.QuantumTaskArn);
        }
        return rest.CreatedBefore is { } before
            ? t => t.CreatedAt < before && (rest.Devices is not { } devices || devices.Contains(t.DeviceArn, StringComparer.Ordinal))
            : null;
    }

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "{User} ({UserId}) cancels the {Count} tasks run {RunId} left queued, of {Scope} on {Day}"
    )]
    private partial void LogStarted(string user, string userId, int count, string runId, string scope, Day day);
}
