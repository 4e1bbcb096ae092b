using BraketBot.Hosting;
using Microsoft.Extensions.Options;

namespace BraketBot.Usage;

/// <summary>How long a chart may take before what carries it goes on without it (the Charts section).</summary>
public sealed record ChartsOptions
{
    public const string Section = "Charts";

    /// <summary>The chart of an info month reply or of the digest: they wait for it, so briefly.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>A breach alert's chart in its thread: the run waits for it, but no one waits on the run's reply.</summary>
    public TimeSpan AlertTimeout { get; init; } = TimeSpan.FromSeconds(60);
}

public sealed class ChartsOptionsValidator : IValidateOptions<ChartsOptions>
{
    /// <summary>Longer, and a chart would hold up a digest or a run far more than it is worth.</summary>
    private static readonly TimeSpan Longest = TimeSpan.FromMinutes(5);

    public ValidateOptionsResult Validate(string? name, ChartsOptions options)
    {
        var failures = new List<string>();
        if (options.Timeout <= TimeSpan.Zero || options.Timeout > Longest) failures.Add($"Charts:Timeout must be positive and at most {Longest}.");
        if (options.AlertTimeout <= TimeSpan.Zero || options.AlertTimeout > Longest) failures.Add($"Charts:AlertTimeout must be positive and at most {Longest}.");
        return failures.ToResult();
    }
}
