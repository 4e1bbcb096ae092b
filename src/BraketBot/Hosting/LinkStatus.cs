using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BraketBot.Hosting;

/// <summary>
/// The state of a long-lived outbound link that the bot keeps open itself (a Socket Mode
/// connection, a queue it polls), reported by /readyz. <typeparamref name="TOwner"/> is the
/// service that keeps the link: one status per link, each its own singleton.
/// </summary>
public sealed class LinkStatus<TOwner> : IHealthCheck
{
    private sealed record State(HealthStatus Health, string Description);

    private volatile State state = new(HealthStatus.Unhealthy, "Starting.");

    /// <summary>The link is not configured: nothing to report against readiness.</summary>
    public void Off(string description) => state = new(HealthStatus.Healthy, description);

    public void Up(string description) => state = new(HealthStatus.Healthy, description);

    public void Down(string description) => state = new(HealthStatus.Unhealthy, description);

    public bool IsUp => state.Health == HealthStatus.Healthy;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var current = state;
        return Task.FromResult(new HealthCheckResult(current.Health, current.Description));
    }
}
