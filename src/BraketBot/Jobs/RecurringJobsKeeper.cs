using Hangfire;

namespace BraketBot.Jobs;

/// <summary>
/// Registers every feature's recurring jobs at start, then again each minute. During a rolling upgrade
/// the older instance's scheduler cannot load a job this release added or reshaped; Hangfire retries it
/// and, after five failures, disables it. The next pass here enables it again, so while two versions
/// overlap a recurring job runs at most about a minute late, and never stops.
/// </summary>
public sealed partial class RecurringJobsKeeper(
    IEnumerable<IRecurringJobs> features,
    IRecurringJobManager recurring,
    TimeProvider time,
    ILogger<RecurringJobsKeeper> logger
) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>The first registration is part of the start, as before: a storage that refuses it stops the start.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        Register();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (stoppingToken.IsCancellationRequested)
                return;
            try
            {
                Register();
            }
            catch (Exception e)
            {
                LogFailed(e);
            }
        }
    }

    private void Register()
    {
        foreach (var feature in features)
            feature.Register(recurring);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registering the recurring jobs again failed; tried again in a minute")]
    private partial void LogFailed(Exception e);
}
