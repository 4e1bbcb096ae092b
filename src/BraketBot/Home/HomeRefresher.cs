using System.Collections.Concurrent;
using System.Threading.Channels;
using BraketBot.Ports;

namespace BraketBot.Home;

/// <summary>
/// Keeps open Home tabs fresh: told of each run's alert and end (by the run code, without waiting), it
/// records the run for the tabs and, for an alert or an end, publishes again to everyone who looked in the last hour, at most once
/// a minute per person (a claim in the store, so across instances too); a republish that must wait for its
/// minute is made when the minute is up, so the last change is never left out. A run's word the store would not take is
/// kept and written again, and a republish the full queue would not take gives its minute back, both tried again shortly.
/// </summary>
public sealed partial class HomeRefresher(
    HomeRunLog runs,
    HomeViewers viewers,
    HomePublisher publisher,
    IClaimStore store,
    TimeProvider time,
    ILogger<HomeRefresher> logger
) : BackgroundService, IHomeNotifier
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromMinutes(1);

    /// <summary>How often a waiting republish, or a run's word not yet recorded, is tried again.</summary>
    private static readonly TimeSpan RetryWaiting = TimeSpan.FromSeconds(5);

    private readonly Channel<HomeRun> changes = Channel.CreateUnbounded<HomeRun>();
    private readonly ConcurrentDictionary<string, HomeViewer> waiting = new();

    /// <summary>Runs' latest words taken off the channel and not yet recorded (the loop alone touches it).</summary>
    private readonly Dictionary<string, HomeRun> unrecorded = new(StringComparer.Ordinal);

    /// <summary>A recorded change whose viewers were not yet marked for a republish (the loop alone touches it).</summary>
    private bool republishOwed;

    public static string ClaimKey(string userId) => $"home:republish:{userId}";

    /// <summary>Whether a republish to the user waits for their minute to be up.</summary>
    public bool IsWaiting(string userId) => waiting.ContainsKey(userId);

    public void RunChanged(EnforcementRun run) => changes.Writer.TryWrite(HomeRun.Of(run));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await WaitAsync(stoppingToken);
                while (changes.Reader.TryRead(out var run))
                    unrecorded[run.Id] = run;
                foreach (var run in unrecorded.Values.ToList())
                {
                    await runs.RecordAsync(run, stoppingToken);
                    unrecorded.Remove(run.Id);
                    // A person's "Cancel all queued" posts no alert: its start is shown to whoever opens the tab, its end to everyone.
                    republishOwed |= run.FinishedAt is not null || run.Kind != RunKind.CancelAll;
                }
                if (republishOwed)
                {
                    foreach (var viewer in await viewers.RecentAsync(stoppingToken))
                        waiting[viewer.UserId] = viewer;
                    republishOwed = false;
                }
                await RepublishAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(e);
            }
        }
    }

    /// <summary>Until a change comes, or, while republishes wait or words are unrecorded, until it is time to look again.</summary>
    private async Task WaitAsync(CancellationToken stoppingToken)
    {
        if (waiting.IsEmpty && unrecorded.Count == 0 && !republishOwed)
        {
            await changes.Reader.WaitToReadAsync(stoppingToken);
            return;
        }
        using var retry = new CancellationTokenSource(RetryWaiting, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, retry.Token);
        try
        {
            await changes.Reader.WaitToReadAsync(either.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // Time to look at the waiting ones again.
        }
    }

    private async Task RepublishAsync(CancellationToken cancellationToken)
    {
        foreach (var (userId, viewer) in waiting)
        {
            var claim = ClaimKey(userId);
            if (!await store.TryClaimAsync(claim, time.GetUtcNow() + MinInterval, cancellationToken))
                continue;
            if (publisher.TryEnqueue(new HomeRequest(userId, viewer.Access, Viewing: false)))
                waiting.TryRemove(userId, out _);
            else
                await store.ReleaseClaimsAsync([claim], holder: null, cancellationToken); // not published: the minute is not used up
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Open Home tabs could not be brought up to date; tried again shortly")]
    private partial void LogFailed(Exception e);
}
