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
