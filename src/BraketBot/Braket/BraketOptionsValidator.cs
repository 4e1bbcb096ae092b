using BraketBot.Hosting;
using Microsoft.Extensions.Options;

namespace BraketBot.Braket;

public sealed class BraketOptionsValidator : IValidateOptions<BraketOptions>
{
    public ValidateOptionsResult Validate(string? name, BraketOptions options)
    {
        var failures = new List<string>();
        if (options.ServiceUrl is { IsAbsoluteUri: false })
            failures.Add("Braket:ServiceUrl must be an absolute URL.");
        foreach (var (operation, quota) in options.Quotas)
        {
            if (!Quota.Documented.ContainsKey(operation))
                failures.Add($"Braket:Quotas:{operation} is not an operation BraketBot calls.");
            if (quota.Rate <= 0 || quota.Burst < 1)
                failures.Add($"Braket:Quotas:{operation} needs Rate > 0 and Burst >= 1.");
        }
        return failures.ToResult();
    }
}
