using BraketBot.Hosting;
using Microsoft.Extensions.Options;

namespace BraketBot.Telemetry;

public sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        var failures = new List<string>();
        if (!options.Path.StartsWith('/'))
            failures.Add($"Metrics:Path must start with / (is '{options.Path}').");
        if (options.Port is < 1 or > 65535)
            failures.Add($"Metrics:Port must be a TCP port (is {options.Port}).");
        return failures.ToResult();
    }
}
