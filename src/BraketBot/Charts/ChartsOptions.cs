namespace BraketBot.Charts;

/// <summary>How long a chart may take before what carries it goes on without it (the Charts section).</summary>
public sealed record ChartsOptions
{
    public const string Section = "Charts";

    /// <summary>The chart of an info month reply or of the digest: they wait for it, so briefly.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>A breach alert's chart in its thread: the run waits for it, but no one waits on the run's reply.</summary>
    public TimeSpan AlertTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
