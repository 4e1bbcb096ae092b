using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace BraketBot.Hosting;

/// <summary>
/// Whether a request is an operator's, who may read what the world may not (which check failed, and why):
/// it arrives on the metrics port (<c>Metrics:Port</c>), or from this machine directly (loopback, with no
/// proxy's forwarding header: a proxy on the same machine speaks for the world), or carries
/// <c>Health:DetailsToken</c> as a bearer token.
/// </summary>
public sealed class OperatorAccess(IConfiguration configuration, IOptions<HealthOptions> health)
{
    /// <summary>Telemetry's key: the port that serves /metrics, and so the operators' own.</summary>
    public const string MetricsPortKey = "Metrics:Port";

    public int? OperatorPort => configuration.GetValue<int?>(MetricsPortKey);

    public bool IsOperator(HttpContext http) =>
        (OperatorPort is { } port && http.Connection.LocalPort == port)
        || (http.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote) && !Proxied(http.Request))
        || HasToken(http.Request);

    private static bool Proxied(HttpRequest request) =>
        request.Headers.ContainsKey("X-Forwarded-For") || request.Headers.ContainsKey("Forwarded");

    private bool HasToken(HttpRequest request)
    {
        if (string.IsNullOrEmpty(health.Value.DetailsToken))
            return false;
        var header = request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        if (!header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
            return false;
        // Hashes of equal length, compared in constant time: neither the token nor its length shows in the timing.
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(header[bearer.Length..].Trim())),
            SHA256.HashData(Encoding.UTF8.GetBytes(health.Value.DetailsToken))
        );
    }
}
