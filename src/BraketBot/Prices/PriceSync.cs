using BraketBot.Usage;
using Hangfire;

namespace BraketBot.Prices;

/// <summary>
/// Keeps this instance's prices current: at start it queues a read of the price list and schedules the
/// daily one; then, every few minutes, it takes the list another instance stored, and while the list
/// cannot be read it tries again each hour.
/// </summary>
public sealed partial class PriceSync(
    IRecurringJobManager recurring, IBackgroundJobClient jobs, IServiceScopeFactory scopes, CurrentPrices current, TimeProvider time,
    ILogger<PriceSync> logger) : BackgroundService
{
    public static readonly TimeSpan StoreCheck = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromHours(1);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            recurring.AddOrUpdate<PriceRefreshJob>(PriceRefreshJob.Id, job => job.RunAsync(new PriceRefreshArgs(1), CancellationToken.None), Cron.Daily());
            jobs.Enqueue<PriceRefreshJob>(job => job.RunAsync(new PriceRefreshArgs(1), CancellationToken.None));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The job storage is down: the loop below still reads the stored list, and retries the read.
            LogNotQueued(e.Message);
        }
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(StoreCheck, time);
        var lastTry = time.GetUtcNow();
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var refresher = scope.ServiceProvider.GetRequiredService<PriceRefresher>();
                if (current.Failure is not null && time.GetUtcNow() - lastTry >= RetryAfterFailure)
                {
                    lastTry = time.GetUtcNow();
                    await refresher.RefreshAsync(stoppingToken);
                }
                await refresher.SyncFromStoreAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogSyncFailed(e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The price list read could not be queued: {Error}")]
    private partial void LogNotQueued(string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The stored price list could not be read: {Error}")]
    private partial void LogSyncFailed(string error);
}
