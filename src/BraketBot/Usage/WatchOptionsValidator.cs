using BraketBot.Hosting;
using Microsoft.Extensions.Options;

namespace BraketBot.Usage;

public sealed class WatchOptionsValidator : IValidateOptions<WatchOptions>
{
    public ValidateOptionsResult Validate(string? name, WatchOptions options)
    {
        var failures = new List<string>();
        foreach (var region in options.Regions.Where(r => !Arns.IsRegion(r)))
            failures.Add($"Braket:Regions: '{region}' is not an AWS region name (like us-east-1).");
        if (options.AccountId is { Length: > 0 } account && (account.Length != 12 || !account.All(char.IsAsciiDigit)))
            failures.Add("Braket:AccountId must be a 12-digit AWS account id.");
        if (options.DeviceCatalogRefresh <= TimeSpan.Zero)
            failures.Add("Braket:DeviceCatalogRefresh must be positive.");
        return failures.ToResult();
    }
}
