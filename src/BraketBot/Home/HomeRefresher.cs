using System.Collections.Concurrent;
using System.Threading.Channels;
using BraketBot.Ports;
using Microsoft.Extensions.Options;

namespace BraketBot.Home;

/// <summary>
/// Keeps open Home tabs fresh: told of each run's alert and end (by the run code, without waiting), it
/// records the run for the tabs and, for an alert or an end, publishes again to everyone who looked in the last hour, at most once
/// a minute per person (a claim in the store, so across instances too); a republish that must wait for its
/// minute is made when the minute is up, so the last change is never left out.
/// </summary>
public sealed partial class HomeRefresher(
    HomeRunLog runs,
    HomeViewers viewers,
    HomePublisher publisher,
    IClaimStore store,
    IOptionsMonitor<CapsOptions> capsOptions,
    TimeProvider time,
    ILogger<HomeRefresher> logger
) : BackgroundService, IHomeNotifier
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromMinutes(1);

    /// <summary>How often a waiting republish looks whether its minute is up.</summary>
    private static readonly TimeSpan RetryWaiting = TimeSpan.FromSeconds(5);

    private readonly Channel<HomeRun> changes = Channel.CreateUnbounded<HomeRun>();
    private readonly ConcurrentDictionary<string, HomeViewer> waiting = new();

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
                var changed = false;
                while (changes.Reader.TryRead(out var run))
                {
                    await runs.RecordAsync(Day.Of(run.CreatedAt, capsOptions.CurrentValue.Zone), run, stoppingToken);
                    // A person's "Cancel all queued" posts no alert: its start is shown to whoever opens the tab, its end to everyone.
                    changed |= run.FinishedAt is not null || run.Kind != RunKind.CancelAll;
                }
                if (changed)
                    foreach (var viewer in await viewers.RecentAsync(stoppingToken))
                        waiting[viewer.UserId] = viewer;
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

    /// <summary>Until a change comes, or, while republishes wait, until it is time to look again.</summary>
    private async Task WaitAsync(CancellationToken stoppingToken)
    {
        if (waiting.IsEmpty)
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
            if (!await store.TryClaimAsync(ClaimKey(userId), time.GetUtcNow() + MinInterval, cancellationToken))
                continue;
            if (publisher.TryEnqueue(new HomeRequest(userId, viewer.Admin, Viewing: false)))
                waiting.TryRemove(userId, out _);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Open Home tabs could not be brought up to date; the next change tries again")]
    private partial void LogFailed(Exception e);
}
