using BraketBot.Hosting;
using Microsoft.Extensions.Options;

namespace BraketBot.Usage;

/// <summary>What BraketBot watches in Braket (the Braket section, beside the client's own settings).</summary>
public sealed record WatchOptions
{
    public const string Section = "Braket";

    public static readonly string[] DefaultRegions = ["us-east-1", "us-west-1", "us-west-2", "eu-west-2", "eu-north-1"];

    /// <summary>Regions to watch; empty means <see cref="DefaultRegions"/>.</summary>
    public string[] Regions { get; init; } = [];

    /// <summary>The AWS account whose tasks are watched; when set, events from any other account are ignored.</summary>
    public string? AccountId { get; init; }

    /// <summary>How long the device list is trusted before SearchDevices is called again.</summary>
    public TimeSpan DeviceCatalogRefresh { get; init; } = TimeSpan.FromHours(1);

    public IReadOnlyList<string> EffectiveRegions => Regions.Length > 0 ? Regions : DefaultRegions;

    public bool Watches(string region) => EffectiveRegions.Contains(region, StringComparer.Ordinal);
}

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
