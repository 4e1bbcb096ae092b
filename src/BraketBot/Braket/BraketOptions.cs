using BraketBot.Hosting;
using BraketBot.Ports;
using Microsoft.Extensions.Options;

namespace BraketBot.Braket;

/// <summary>How BraketBot reaches Braket: the endpoint and the client-side pacing.</summary>
public sealed record BraketOptions
{
    public const string Section = "Braket";

    /// <summary>One endpoint for every region (tests, VPC endpoints); unset means braket.{region}.amazonaws.com.</summary>
    public Uri? ServiceUrl { get; init; }

    /// <summary>Client-side pacing per region and operation, at Braket's documented quotas.</summary>
    public Dictionary<string, Quota> Quotas { get; init; } = new(StringComparer.OrdinalIgnoreCase);

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
        [BraketOperations.SearchSpendingLimits] = new(5, 5),
        // Braket documents no quota for the limit writes; they are rare, so they are paced gently.
        [BraketOperations.CreateSpendingLimit] = new(2, 2),
        [BraketOperations.UpdateSpendingLimit] = new(2, 2),
        [BraketOperations.DeleteSpendingLimit] = new(2, 2),
        [BraketOperations.TagResource] = new(2, 2),
        // Braket documents no quota for the job calls either; a run makes a few, info one search a region.
        [BraketOperations.GetJob] = new(5, 10),
        [BraketOperations.SearchJobs] = new(5, 5),
        [BraketOperations.CancelJob] = new(2, 2),
    };
}

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
