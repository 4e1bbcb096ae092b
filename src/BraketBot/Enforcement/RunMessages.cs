using System.Threading.Channels;
using BraketBot.Charts;
using BraketBot.Hosting;
using BraketBot.Messages;
using BraketBot.Ports;
using BraketBot.Telemetry;
using BraketBot.Usage;
using Microsoft.Extensions.Options;

namespace BraketBot.Enforcement;

/// <summary>
/// A run's one message, kept up to date by its own loop beside the cancels, which never wait for it:
/// posted once (a post whose answer was lost is looked for before it is tried again), then updated in
/// place with the progress, at most every <see cref="ProgressEvery"/> (what happened in between is
/// shown together), and always at the end. While Slack fails it is tried again with backoff.
/// An alert run posts in the alert channel (a follow-up in its alert's thread); a "Cancel all queued"
/// run answers through the clicked message's response_url.
/// </summary>
[HotPath]
public sealed partial class RunMessages(
    ISlackApi slack,
    IClaimStore claimStore,
    IKeyValueStore valueStore,
    ChartPublisher charts,
    DeviceCatalog catalog,
    IOptionsMonitor<AlertOptions> alertOptions,
    IOptionsMonitor<RunOptions> runOptions,
    BraketBotMetrics metrics,
    TimeProvider time,
    ILogger<RunMessages> logger
)
{
    public static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);

    /// <summary>A response_url takes five posts in 30 minutes: the first, up to three progress updates, and the outcome.</summary>
    private const int ResponseUrlPostsBeforeOutcome = 4;

    /// <summary>Wakes the loop when the run moved on; one pending wake-up is enough, however many changes came.</summary>
    private readonly Channel<bool> changes = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite }
    );
    private DateTimeOffset lastShown = DateTimeOffset.MinValue;
    private int lastDone = -1;

    /// <summary>How long a message that Slack will not take is tried again: an alert for a day, a response_url while it lives.</summary>
    public static TimeSpan Patience(EnforcementRun run) =>
        run.Kind == RunKind.CancelAll ? TimeSpan.FromMinutes(30) : TimeSpan.FromHours(24);

    /// <summary>Tells the loop that the run moved on (a task done, the run finished); never waits.</summary>
    public void Changed() => changes.Writer.TryWrite(true);

    /// <summary>
    /// Shows the run until its outcome is shown (or Slack would not take it for <see cref="Patience"/>):
    /// the first state at once, then each change, coalesced; a failure is tried again with capped backoff.
    /// </summary>
    public async Task KeepShownAsync(RunSession session, CancellationToken cancellationToken)
    {
        if (session.Run is { Kind: RunKind.CancelAll, ResponseUrl: null })
            return; // from the terminal: shown there
        var failures = 0;
        while (true)
        {
            var run = session.Run;
            var final = run.FinishedAt is not null;
            if (!final && !IsDue(run))
            {
                await changes.Reader.ReadAsync(cancellationToken);
                continue;
            }
            if (await ShowAsync(session, final, cancellationToken))
            {
                if (final)
                    return;
                failures = 0;
                await Task.Delay(ProgressEvery, time, cancellationToken); // what happens meanwhile is shown together
                continue;
            }
            if (final && time.GetUtcNow() > run.CreatedAt + Patience(run))
            {
                LogGaveUpDelivery(run.Id);
                return;
            }
            await Task.Delay(Backoff.After(++failures, FirstRetry, runOptions.CurrentValue.RetryMax), time, cancellationToken);
        }
    }

    /// <summary>Shows the run as it stands now.</summary>
    /// <returns>True when the message shows what it should (or there is nowhere to show it).</returns>
    private async Task<bool> ShowAsync(RunSession session, bool final, CancellationToken cancellationToken)
    {
        var run = session.Run;
        try
        {
            var shown =
                run.Kind == RunKind.CancelAll
                    ? await RespondAsync(session, run, final, cancellationToken)
                    : await PostOrUpdateAsync(session, run, cancellationToken);
            if (shown)
            {
                lastShown = time.GetUtcNow();
                lastDone = run.Done;
            }
            return shown;
        }
        catch (SlackUnreachableException)
        {
            return false; // asked again after the backoff
        }
        // The store failing (not the run lost, not the run stopped) is one more failure to try again.
        catch (Exception e) when (e is not RunLostException && !cancellationToken.IsCancellationRequested)
        {
            LogShowFailed(e, run.Id);
            return false;
        }
    }

    /// <summary>
    /// A breach alert's chart of the day, once, in the alert's thread: claimed in the store before it is
    /// uploaded, so a run resumed after a crash never posts it twice (a crash between the claim and the
    /// upload loses it: a chart is an extra). A failure is logged and the run goes on.
    /// </summary>
    public async Task ChartInThreadAsync(EnforcementRun run, CancellationToken cancellationToken)
    {
        if (run.Kind != RunKind.CapAlert || run.MessageTs is null || !alertOptions.CurrentValue.CanPostTo(run.Channel))
            return;
        if (!run.IsBreach)
            return;
        var breached = run.Crossed.Where(c => c.Level == CapLevel.Breach).Select(c => c.Cap.Scope).Distinct().ToList();
        // A team's budget has no chart of its own yet, and the account's would show the other teams' usage in its channel.
        if (breached.Any(s => s.Budget is not null))
            return;
        try
        {
            if (!await claimStore.TryClaimAsync(ChartKey(run.Id), time.GetUtcNow() + Retention.FinishedRuns, cancellationToken))
                return;
            // One device's cap: that device's chart, with its caps; otherwise every device's, with the account's.
            var device = breached is [{ Device: { } name }] ? await DeviceAsync(run, name, cancellationToken) : null;
            var chart = await charts.DayChartAsync(run.Day, device, cancellationToken);
            var problem = chart.IsSuccess
                ? (
                    await charts.PublishInThreadAsync(
                        chart.Value!,
                        run.Channel,
                        run.MessageTs,
                        ChartView.AlertThreadComment,
                        cancellationToken
                    )
                ).Problem
                : chart.Error!.Describe();
            if (problem is not null)
                LogChartNotPosted(run.Id, problem);
        }
        // An HTTP timeout is a cancellation too, but not the run's: only the run's own stops it.
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogChartFailed(e, run.Id);
        }
    }

    /// <summary>The breached device, as the run's tasks name it (the scan that confirmed the breach held it), else from the
    /// catalog.</summary>
    private async Task<DeviceSummary?> DeviceAsync(EnforcementRun run, string name, CancellationToken cancellationToken) =>
        run.Tasks.FirstOrDefault(t => t.DeviceName.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } task
            ? catalog.Describe(task.DeviceArn)
        : await catalog.ResolveAsync(name, cancellationToken) is DeviceLookup.Found found ? found.Device
        : null;

    /// <summary>The claim that the run's chart was (or is being) posted.</summary>
    public static string ChartKey(string runId) => $"chart:{runId}";

    /// <summary>Whether progress is worth showing: nothing shown yet, or tasks done since (a response_url only a few times per
    /// run).</summary>
    private bool IsDue(EnforcementRun run) =>
        run.Kind == RunKind.CancelAll
            ? run.ResponsePosts == 0
                || (run.ResponsePosts < ResponseUrlPostsBeforeOutcome && run.Done < run.Tasks.Count && StepReached(run))
            : lastDone < 0 || run.Done != lastDone;

    /// <summary>A response_url's few posts are spread over the run: never two within a quarter of it.</summary>
    private bool StepReached(EnforcementRun run) =>
        run.Done - Math.Max(lastDone, 0) >= Math.Max(20, run.Tasks.Count / ResponseUrlPostsBeforeOutcome)
        && time.GetUtcNow() - lastShown >= ProgressEvery;

    private async Task<bool> RespondAsync(RunSession session, EnforcementRun run, bool final, CancellationToken cancellationToken)
    {
        // Counted before the post: a post that may have landed has used one of the five all the same.
        session.Update(r => r with { ResponsePosts = r.ResponsePosts + 1 });
        await session.SaveAsync(cancellationToken);
        var sent = await slack.RespondAsync(
            run.ResponseUrl!,
            RunView.Render(run),
            Visibility.InChannel,
            replaceOriginal: true,
            cancellationToken
        );
        if (!sent.Ok)
            LogNotShown(run.Id, sent.Error);
        return sent.Ok;
    }

    private async Task<bool> PostOrUpdateAsync(RunSession session, EnforcementRun run, CancellationToken cancellationToken)
    {
        var message = RunView.Render(run);
        if (!alertOptions.CurrentValue.CanPostTo(run.Channel) || run.Channel is null)
        {
            if (run.FinishedAt is not null)
                LogAlertNotPosted(message.Text);
            return true;
        }
        if (run.MessageTs is { } ts)
        {
            var updated = await slack.UpdateMessageAsync(run.Channel, ts, message, cancellationToken);
            if (!updated.Ok)
                LogNotShown(run.Id, updated.Error);
            return updated.Ok;
        }

        string? threadTs = null;
        if (run.ReplyToKey is not null)
        {
            threadTs = await valueStore.GetValueAsync(run.ReplyToKey, cancellationToken);
            if (threadTs is null)
                return false; // the alert it follows up is not posted yet
        }
        var posted = await PostOnceAsync(session, run, run.Channel, threadTs, message, cancellationToken);
        metrics.Alert(posted is null ? "failed" : "posted");
        if (posted is null)
            return false;
        // The thread keys first: once the ts is saved this run only updates, and its follow-ups must find their thread.
        foreach (var key in run.ThreadKeys)
            await valueStore.SetValueAsync(key, posted, cancellationToken);
        session.Update(r => r with { MessageTs = posted });
        await session.SaveAsync(cancellationToken);
        LogPosted(run.Id, run.Kind, run.Channel, message.Text);
        return true;
    }

    /// <summary>
    /// Posts the message once: a post that may have landed (a timeout, a crash after the post) is
    /// looked for by its metadata before it is tried again.
    /// </summary>
    private async Task<string?> PostOnceAsync(
        RunSession session,
        EnforcementRun run,
        string channel,
        string? threadTs,
        SlackMessage message,
        CancellationToken cancellationToken
    )
    {
        var tag = new MessageTag(run.Id, run.Kind.ToString());
        var since = run.CreatedAt - TimeSpan.FromMinutes(1);
        if (run.PostTried && await FindAsync(channel, threadTs, tag, since, cancellationToken) is { } earlier)
            return earlier.Ts;

        session.Update(r => r with { PostTried = true });
        await session.SaveAsync(cancellationToken); // stored before the post, so that a crash after it looks first
        var posted = await slack.PostMessageAsync(channel, message, threadTs, tag, cancellationToken);
        if (posted.Ok)
            return posted.Ts;
        LogNotShown(run.Id, posted.Error);
        if (posted.Unknown && await FindAsync(channel, threadTs, tag, since, cancellationToken) is { } landed)
            return landed.Ts;
        return null;
    }

    /// <summary>The earlier post, if Slack has it. Where Slack cannot be asked (a missing scope), a second post beats a lost
    /// alert.</summary>
    private async Task<SlackResult?> FindAsync(
        string channel,
        string? threadTs,
        MessageTag tag,
        DateTimeOffset since,
        CancellationToken cancellationToken
    )
    {
        var found = await slack.FindMessageAsync(channel, threadTs, tag, since, cancellationToken);
        if (found.Ok)
            return found;
        if (found.Unknown)
            throw new SlackUnreachableException(found.Error);
        if (found.Error != "not_found")
            LogCannotLook(found.Error);
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: the day's chart was not posted in the alert's thread: {Problem}")]
    private partial void LogChartNotPosted(string runId, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId}: the day's chart failed")]
    private partial void LogChartFailed(Exception e, string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} ({Kind}) posted to {Channel}: {Text}")]
    private partial void LogPosted(string runId, RunKind kind, string channel, string text);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: Slack did not take the message ({Error}); it is tried again")]
    private partial void LogNotShown(string runId, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert not posted (Slack:BotToken or Slack:AlertChannel unset): {Text}")]
    private partial void LogAlertNotPosted(string text);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId}: Slack did not take its message for too long; giving up on it")]
    private partial void LogGaveUpDelivery(string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: showing its message failed; it is tried again")]
    private partial void LogShowFailed(Exception e, string runId);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Cannot look for an earlier post ({Error}); posting again (add the channels:history scope)"
    )]
    private partial void LogCannotLook(string? error);
}
