using BraketBot.Hosting;
using Microsoft.Extensions.Options;

namespace BraketBot.Enforcement;

/// <summary>Durations that keep a run useful: long enough to try, short enough that a stuck run ends the same day.</summary>
public sealed class RunOptionsValidator : IValidateOptions<RunOptions>
{
    public ValidateOptionsResult Validate(string? name, RunOptions options) =>
        ValidationFailures.ToResult([
            .. Outside("Runs:Deadline", options.Deadline, TimeSpan.FromSeconds(1), TimeSpan.FromHours(12)),
            .. Outside("Runs:RetryMax", options.RetryMax, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(10)),
        ]);

    private static IEnumerable<string> Outside(string key, TimeSpan value, TimeSpan min, TimeSpan max) =>
        value >= min && value <= max ? [] : [$"{key} must be from {min:c} to {max:c} (is {value:c})."];
}
