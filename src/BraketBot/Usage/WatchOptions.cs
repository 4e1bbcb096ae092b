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
