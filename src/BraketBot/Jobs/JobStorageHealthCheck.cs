using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BraketBot.Jobs;

/// <summary>Ready only while the job storage answers.</summary>
public sealed class JobStorageHealthCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var connection = storage.GetConnection();
            connection.GetAllItemsFromSet("recurring-jobs");
            return Task.FromResult(HealthCheckResult.Healthy($"{storage} answers."));
        }
        catch (Exception e)
        {
            return Task.FromResult(
                HealthCheckResult.Unhealthy(
                    $"Job storage unreachable: {e.Message}",
                    data: new Dictionary<string, object> { ["Storage"] = e.Message }
                )
            );
        }
    }
}
