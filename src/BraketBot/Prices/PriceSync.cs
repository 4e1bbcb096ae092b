using BraketBot.Usage;
using Hangfire;

namespace BraketBot.Prices;

/// <summary>
/// Keeps this instance's prices current: at start it reads the price list (or, when it cannot, takes the
/// list stored by an earlier start or another instance) and schedules the daily read on one instance;
/// then, every few minutes, it takes a newer list another instance stored, and while the list cannot be
/// read it tries again each hour.
/// </summary>
public sealed partial class PriceSync(
    IRecurringJobManager recurring,
    IServiceScopeFactory scopes,
    CurrentPrices current,
    TimeProvider time,
    ILogger<PriceSync> logger
) : BackgroundService
{
    public static readonly TimeSpan StoreCheck = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromHours(1);

    private readonly TaskCompletionSource firstRead = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Done once the read at start has ended, read or not: from then on the prices are the list's, or the last good
    /// ones.</summary>
    public Task FirstRead => firstRead.Task;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            recurring.AddOrUpdate<PriceRefreshJob>(
                PriceRefreshJob.Id,
                job => job.RunAsync(new PriceRefreshArgs(1), CancellationToken.None),
                Cron.Daily()
            );
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The job storage is down: the read at start below and the hourly retry still run.
            LogNotScheduled(e.Message);
        }
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(StoreCheck, time);
        var lastRead = time.GetUtcNow();
        try
        {
            await RunAsync(r => r.RefreshAsync(stoppingToken), stoppingToken);
        }
        finally
        {
            firstRead.TrySetResult();
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            if (current.Failure is not null && time.GetUtcNow() - lastRead >= RetryAfterFailure)
            {
                lastRead = time.GetUtcNow();
                await RunAsync(r => r.RefreshAsync(stoppingToken), stoppingToken);
            }
            await RunAsync(r => r.SyncFromStoreAsync(stoppingToken), stoppingToken);
        }
    }

    private async Task RunAsync(Func<PriceRefresher, Task> work, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await work(scope.ServiceProvider.GetRequiredService<PriceRefresher>());
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // The store cannot be reached: this instance keeps the prices it has.
            LogStoreFailed(e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The daily price list read could not be scheduled: {Error}")]
    private partial void LogNotScheduled(string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The stored price list could not be read or written: {Error}")]
    private partial void LogStoreFailed(string error);
}
