using System.Threading.RateLimiting;

namespace BraketBot.Jobs;

/// <summary>
/// Slows password guessing at the dashboard: every sign-in post and every failed Basic read counts against one budget per
/// client (<see cref="DashboardSession.SignInAttemptsPerMinute"/> a minute), so a script cannot switch between the two.
/// </summary>
public sealed class DashboardGuessLimiter(IConfiguration configuration) : IDisposable
{
    /// <summary>Set by Fly.io on every machine it runs; see <see cref="ClientOf"/>.</summary>
    public const string FlyAppVariable = "FLY_APP_NAME";

    /// <summary>The client's address as Fly.io's proxy saw it (the connection's own address is the proxy's).</summary>
    public const string FlyClientIpHeader = "Fly-Client-IP";

    private readonly bool behindFly = !string.IsNullOrEmpty(configuration[FlyAppVariable]);

    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = DashboardSession.SignInAttemptsPerMinute,
            Window = TimeSpan.FromMinutes(1),
        })
    );

    /// <summary>Counts one attempt; false when the client has used up its attempts for this minute.</summary>
    public bool TryAttempt(HttpContext http)
    {
        using var lease = limiter.AttemptAcquire(ClientOf(http));
        return lease.IsAcquired;
    }

    /// <summary>Whether the client has no attempt left this minute: even the right password is then refused, or it would tell.</summary>
    public bool Exhausted(HttpContext http) => limiter.GetStatistics(ClientOf(http))?.CurrentAvailablePermits == 0;

    /// <summary>
    /// Who is guessing. Behind Fly.io's proxy every connection comes from the proxy, so one address for all would let ten
    /// bad posts lock every operator out: there the proxy's Fly-Client-IP names the client. Anywhere else that header is
    /// anyone's to write, and a guesser rotating it would escape the limit, so it is believed only on a Fly.io machine
    /// (FLY_APP_NAME set), whose public port only Fly's proxy reaches; elsewhere the connection's address counts.
    /// </summary>
    public string ClientOf(HttpContext http) =>
        behindFly && http.Request.Headers[FlyClientIpHeader].ToString() is { Length: > 0 } client
            ? client
            : http.Connection.RemoteIpAddress?.ToString() ?? "";

    public void Dispose() => limiter.Dispose();
}
