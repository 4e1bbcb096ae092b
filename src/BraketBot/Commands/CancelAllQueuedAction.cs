using BraketBot.Braket;
using BraketBot.Reports;
using BraketBot.Slack;
using BraketBot.Storage;
using Microsoft.Extensions.Options;

namespace BraketBot.Commands;

/// <summary>
/// The "Cancel all queued" button (on reports and alerts): after Slack's confirm dialog, cancels
/// every QUEUED or CREATED task of the scope in its value, one run per scope at a time, and
/// updates the message in place with progress and then the outcome.
/// </summary>
public sealed class CancelAllQueuedAction(
    DayReports reports,
    DeviceCatalog catalog,
    TaskCanceller canceller,
    Usage.Pricing pricing,
    IBotStore store,
    ISlackApi slack,
    IOptionsMonitor<SlackOptions> slackOptions,
    TimeProvider time,
    ILogger<CancelAllQueuedAction> logger) : IBlockActionHandler
{
    public const string Id = "cancel_all_queued";

    /// <summary>Long enough for 1,000 tasks at 2 a second; a run that dies frees its scope after this.</summary>
    private static readonly TimeSpan RunLease = TimeSpan.FromMinutes(15);

    /// <summary>A response_url takes five posts; progress uses at most three of them.</summary>
    private const int ProgressPosts = 3;

    public string ActionId => Id;

    public async Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken cancellationToken)
    {
        var responseUrl = payload.ResponseUrl!;
        Task Tell(string text) => slack.RespondAsync(responseUrl, SlackMessage.Plain(text), Visibility.Ephemeral, replaceOriginal: false, cancellationToken);

        if (!CancelScope.TryParse(action.Value, out var scope)) { await Tell("This button is no longer valid."); return; }
        if (!slackOptions.CurrentValue.IsAdmin(payload.User.Id)) { await Tell(CancelView.NotAllowed); return; }
        if (!await store.TryAcquireLeaseAsync(scope.RunKey, RunLease, cancellationToken))
        {
            await Tell($"Queued tasks of {scope.Describe()} on {scope.Day} are being cancelled already.");
            return;
        }
        try
        {
            await RunAsync(payload, scope, cancellationToken);
        }
        finally
        {
            await store.ReleaseLeaseAsync(scope.RunKey, CancellationToken.None);
        }
    }

    private async Task RunAsync(BlockActionsPayload payload, CancelScope scope, CancellationToken cancellationToken)
    {
        var device = scope.DeviceArn is null ? null : catalog.Describe(scope.DeviceArn);
        var found = await reports.TasksAsync(reports.Window(DateOnly.Parse(scope.Day)), device, cancellationToken);
        if (!found.IsSuccess)
        {
            await Update(payload, SlackMessage.Plain(found.Error!.Describe()), cancellationToken);
            return;
        }
        var tasks = found.Value!.Where(t => t.Status.IsCancellable()).ToList();
        logger.LogInformation("{User} ({UserId}) cancels {Count} queued tasks of {Scope} on {Day}",
            payload.User.Username ?? payload.User.Name, payload.User.Id, tasks.Count, scope.Describe(), scope.Day);

        var step = Math.Max(20, tasks.Count / (ProgressPosts + 1));
        var progress = new Progress<int>(done =>
        {
            if (done % step == 0 && done < tasks.Count)
                _ = Update(payload, CancelView.Progress(scope, done, tasks.Count), CancellationToken.None);
        });
        await Update(payload, CancelView.Progress(scope, 0, tasks.Count), cancellationToken);
        var outcomes = await canceller.CancelAsync(tasks, progress, cancellationToken);
        await Update(payload, CancelView.BulkOutcome(scope, outcomes, catalog.Describe, payload.User.Id, time.GetUtcNow(), pricing), cancellationToken);
    }

    private Task Update(BlockActionsPayload payload, SlackMessage message, CancellationToken cancellationToken) =>
        slack.RespondAsync(payload.ResponseUrl!, message, Visibility.InChannel, replaceOriginal: true, cancellationToken);
}
