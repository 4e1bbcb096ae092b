using Microsoft.Extensions.Options;

namespace BraketBot.Braket;

public sealed record BraketOptions
{
    public const string Section = "Braket";

    public static readonly string[] DefaultRegions = ["us-east-1", "us-west-1", "us-west-2", "eu-west-2", "eu-north-1"];

    /// <summary>Regions to watch; empty means <see cref="DefaultRegions"/>.</summary>
    public string[] Regions { get; init; } = [];

    /// <summary>One endpoint for every region (tests, VPC endpoints); unset means braket.{region}.amazonaws.com.</summary>
    public Uri? ServiceUrl { get; init; }

    /// <summary>How long the device list is trusted before SearchDevices is called again.</summary>
    public TimeSpan DeviceCatalogRefresh { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Client-side pacing per region and operation, at Braket's documented quotas.</summary>
    public Dictionary<string, Quota> Quotas { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<string> EffectiveRegions => Regions.Length > 0 ? Regions : DefaultRegions;

    public Uri EndpointFor(string region) => ServiceUrl ?? new Uri($"https://braket.{region}.amazonaws.com/");

    public Quota QuotaFor(string operation) =>
        Quotas.TryGetValue(operation, out var quota) ? quota : Quota.Documented.GetValueOrDefault(operation, Quota.Fallback);
}

/// <summary>A token bucket: <paramref name="Rate"/> calls a second, at most <paramref name="Burst"/> at once.</summary>
public sealed record Quota(double Rate, int Burst)
{
    public Quota() : this(5, 5) { }

    public static readonly Quota Fallback = new(5, 5);

    /// <summary>Braket's documented per-account, per-region request quotas.</summary>
    public static readonly IReadOnlyDictionary<string, Quota> Documented = new Dictionary<string, Quota>
    {
        [BraketOperations.SearchQuantumTasks] = new(5, 50),
        [BraketOperations.CancelQuantumTask] = new(2, 20),
        [BraketOperations.GetQuantumTask] = new(100, 100),
        [BraketOperations.SearchDevices] = new(5, 5),
        [BraketOperations.GetDevice] = new(5, 5),
        [BraketOperations.SearchSpendingLimits] = new(5, 5),
    };
}

public static class BraketOperations
{
    public const string SearchQuantumTasks = nameof(SearchQuantumTasks);
    public const string GetQuantumTask = nameof(GetQuantumTask);
    public const string CancelQuantumTask = nameof(CancelQuantumTask);
    public const string SearchDevices = nameof(SearchDevices);
    public const string GetDevice = nameof(GetDevice);
    public const string SearchSpendingLimits = nameof(SearchSpendingLimits);
}

public sealed class BraketOptionsValidator : IValidateOptions<BraketOptions>
{
    public ValidateOptionsResult Validate(string? name, BraketOptions options)
    {
        var failures = new List<string>();
        foreach (var region in options.Regions.Where(r => !Arns.IsRegion(r)))
            failures.Add($"Braket:Regions: '{region}' is not an AWS region name (like us-east-1).");
        if (options.ServiceUrl is { IsAbsoluteUri: false })
            failures.Add("Braket:ServiceUrl must be an absolute URL.");
        if (options.DeviceCatalogRefresh <= TimeSpan.Zero)
            failures.Add("Braket:DeviceCatalogRefresh must be positive.");
        foreach (var (operation, quota) in options.Quotas)
        {
            if (!Quota.Documented.ContainsKey(operation))
                failures.Add($"Braket:Quotas:{operation} is not an operation BraketBot calls.");
            if (quota.Rate <= 0 || quota.Burst < 1)
                failures.Add($"Braket:Quotas:{operation} needs Rate > 0 and Burst >= 1.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
