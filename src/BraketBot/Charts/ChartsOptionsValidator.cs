using BraketBot.Hosting;
using Microsoft.Extensions.Options;

namespace BraketBot.Charts;

public sealed class ChartsOptionsValidator : IValidateOptions<ChartsOptions>
{
    /// <summary>Longer, and a chart would hold up a digest or a run far more than it is worth.</summary>
    private static readonly TimeSpan Longest = TimeSpan.FromMinutes(5);

    public ValidateOptionsResult Validate(string? name, ChartsOptions options)
    {
        var failures = new List<string>();
        if (options.Timeout <= TimeSpan.Zero || options.Timeout > Longest)
            failures.Add($"Charts:Timeout must be positive and at most {Longest}.");
        if (options.AlertTimeout <= TimeSpan.Zero || options.AlertTimeout > Longest)
            failures.Add($"Charts:AlertTimeout must be positive and at most {Longest}.");
        return failures.ToResult();
    }
}
