using BraketBot.Telemetry;
using Hangfire;

namespace BraketBot.Jobs;

/// <summary>Hangfire's queue, read when Prometheus scrapes: jobs waiting and jobs that failed for good.</summary>
public sealed class JobMetrics(BraketBotMetrics metrics, JobStorage storage) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        metrics.Meter.CreateObservableGauge(
            "braketbot.jobs.enqueued",
            () => JobQueues.Served.Sum(storage.GetMonitoringApi().EnqueuedCount),
            "{job}",
            "Hangfire jobs waiting in the queue"
        );
        metrics.Meter.CreateObservableGauge(
            "braketbot.jobs.failed",
            () => storage.GetMonitoringApi().FailedCount(),
            "{job}",
            "Hangfire jobs that failed after their retries"
        );
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
