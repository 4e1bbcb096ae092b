using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BraketBot.Hosting;

/// <summary>
/// Logs a readiness check when its status changes, not on every probe (a probe every few seconds would
/// fill the log). Missing settings are left to <see cref="MissingSettingsReporter"/>, which says them once at start.
/// </summary>
public sealed partial class ReadinessLog(ILogger<ReadinessLog> logger)
{
    private readonly ConcurrentDictionary<string, HealthStatus> last = new(StringComparer.Ordinal);

    public void Observe(HealthReport report)
    {
        foreach (var (name, entry) in report.Entries)
        {
            if (name == Readiness.ConfigurationCheck)
                continue;
            // Healthy is where a check starts from: only a change from what was last seen is news.
            var before = last.GetOrAdd(name, HealthStatus.Healthy);
            if (before == entry.Status || !last.TryUpdate(name, entry.Status, before))
                continue;
            if (entry.Status == HealthStatus.Healthy)
                LogRecovered(name);
            else
                LogFailing(name, entry.Status, entry.Description);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Readiness check {Check} is {Status}: {Description}")]
    private partial void LogFailing(string check, HealthStatus status, string? description);

    [LoggerMessage(Level = LogLevel.Information, Message = "Readiness check {Check} is Healthy again")]
    private partial void LogRecovered(string check);
}
