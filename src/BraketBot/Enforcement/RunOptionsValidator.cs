using BraketBot.Hosting;
using Microsoft.Extensions.Options;

namespace BraketBot.Enforcement;

public sealed class RunOptionsValidator : IValidateOptions<RunOptions>
{
    public ValidateOptionsResult Validate(string? name, RunOptions options)
    {
        var failures = new List<string>();
        if (options.Deadline < TimeSpan.FromSeconds(1) || options.Deadline > TimeSpan.FromHours(12))
            failures.Add($"Runs:Deadline must be from 00:00:01 to 12:00:00 (is {options.Deadline}).");
        if (options.RetryMax < TimeSpan.FromMilliseconds(10) || options.RetryMax > TimeSpan.FromMinutes(10))
            failures.Add($"Runs:RetryMax must be from 00:00:00.01 to 00:10:00 (is {options.RetryMax}).");
        return failures.ToResult();
    }
}
