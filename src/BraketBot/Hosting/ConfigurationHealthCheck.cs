using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BraketBot.Hosting;

/// <summary>Not ready while a required setting is missing; the data names each one.</summary>
public sealed class ConfigurationHealthCheck(IEnumerable<RequiredSetting> settings) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var missing = settings.Where(s => !s.IsSet()).ToList();
        if (missing.Count == 0)
            return Task.FromResult(HealthCheckResult.Healthy("All required settings are present."));
        var data = missing.ToDictionary(s => s.Key, object (s) => s.Consequence);
        return Task.FromResult(
            HealthCheckResult.Unhealthy($"Missing settings: {string.Join(", ", missing.Select(s => s.Key))}.", data: data)
        );
    }
}
