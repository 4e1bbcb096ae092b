using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BraketBot.Hosting;

public static class Readiness
{
    public const string Tag = "ready";

    /// <summary>The readiness checks of where state is kept (job storage, the database), which doctor reports as storage.</summary>
    public const string StorageTag = "storage";
    public const string ConfigurationCheck = "configuration";

    public const string Ready = "ready";
    public const string Unready = "unready";

    /// <summary>
    /// 200 or 503 with one word for everyone; operators (<see cref="OperatorAccess"/>) also get which check failed and why.
    /// </summary>
    public static async Task<Results<JsonHttpResult<ReadinessReport>, JsonHttpResult<HealthState>>> CheckAsync(
        HttpContext http,
        HealthCheckService health,
        OperatorAccess access,
        ReadinessLog log,
        CancellationToken cancellationToken
    )
    {
        var report = await health.CheckHealthAsync(check => check.Tags.Contains(Tag), cancellationToken);
        log.Observe(report);
        var ready = report.Status == HealthStatus.Healthy;
        var status = ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        var word = ready ? Ready : Unready;
        if (!access.IsOperator(http))
            return TypedResults.Json(new HealthState(word), statusCode: status);
        var missing = report.Entries.TryGetValue(ConfigurationCheck, out var configuration) ? configuration.Data.Keys.ToList() : [];
        var checks = report.Entries.ToDictionary(e => e.Key, e => new CheckReport(e.Value.Status.ToString(), e.Value.Description));
        return TypedResults.Json(new ReadinessReport(word, missing, checks), statusCode: status);
    }
}
