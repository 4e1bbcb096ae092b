using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BraketBot.Hosting;

/// <summary>The /readyz answer: 200 or 503 with a JSON body naming what is wrong.</summary>
public static class Readiness
{
    public const string Tag = "ready";
    public const string ConfigurationCheck = "configuration";

    public static HealthCheckOptions Options { get; } = new()
    {
        Predicate = check => check.Tags.Contains(Tag),
        ResponseWriter = WriteAsync,
    };

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var missing = report.Entries.TryGetValue(ConfigurationCheck, out var configuration) ? configuration.Data.Keys.ToList() : [];
        var body = new
        {
            status = report.Status == HealthStatus.Healthy ? "ready" : "not ready",
            missing,
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
