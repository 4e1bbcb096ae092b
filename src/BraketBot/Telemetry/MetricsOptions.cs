namespace BraketBot.Telemetry;

/// <summary>Where the Prometheus metrics are served.</summary>
public sealed record MetricsOptions
{
    public const string Section = "Metrics";

    public string Path { get; init; } = "/metrics";

    /// <summary>A port of its own for /metrics (kept off the public one); unset serves it on the main port.</summary>
    public int? Port { get; init; }
}
