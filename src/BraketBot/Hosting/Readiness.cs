using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BraketBot.Hosting;

/// <summary>The /readyz answer: ready, or not ready with the missing settings and each check's word.</summary>
public sealed record ReadinessReport(string Status, IReadOnlyList<string> Missing, IReadOnlyDictionary<string, CheckReport> Checks);

public sealed record CheckReport(string Status, string? Description);

public static class Readiness
{
    public const string Tag = "ready";

    /// <summary>The readiness checks of where state is kept (job storage, the database), which doctor reports as storage.</summary>
    public const string StorageTag = "storage";
    public const string ConfigurationCheck = "configuration";

    public static async Task<Results<Ok<ReadinessReport>, JsonHttpResult<ReadinessReport>>> CheckAsync(
        HealthCheckService health, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(check => check.Tags.Contains(Tag), cancellationToken);
        var missing = report.Entries.TryGetValue(ConfigurationCheck, out var configuration) ? configuration.Data.Keys.ToList() : [];
        var body = new ReadinessReport(
            report.Status == HealthStatus.Healthy ? "ready" : "not ready",
            missing,
            report.Entries.ToDictionary(e => e.Key, e => new CheckReport(e.Value.Status.ToString(), e.Value.Description)));
        return report.Status == HealthStatus.Healthy
            ? TypedResults.Ok(body)
            : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
