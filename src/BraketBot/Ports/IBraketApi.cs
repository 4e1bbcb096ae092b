using BraketBot.Slack.Messages;

namespace BraketBot.Ports;

public sealed record QuantumTaskPage(IReadOnlyList<QuantumTaskSummary> QuantumTasks, string? NextToken)
{
    /// <summary>The most results Braket gives in one page.</summary>
    public const int MaxSize = 100;
}

/// <summary>Ends paging that would never end: a page token Braket hands out a second time.</summary>
public sealed class PageTokens(string operation)
{
    private readonly HashSet<string> seen = new(StringComparer.Ordinal);

    /// <summary>The error to stop with when <paramref name="next"/> was seen before; null to go on.</summary>
    public BraketError? Repeated(string? next) =>
        next is null || seen.Add(next)
            ? null
            : new BraketError(BraketErrorKind.Unexpected, operation, "Braket returned the same page token twice; the listing was stopped.");
}

/// <summary>The Braket API operations BraketBot calls, each answering with a value or a typed error.</summary>
public interface IBraketApi
{
    Task<BraketResult<QuantumTaskPage>> SearchQuantumTasksAsync(
        string region,
        IReadOnlyList<QuantumTaskFilter> filters,
        string? nextToken,
        int maxResults,
        CancellationToken cancellationToken
    );

    Task<BraketResult<QuantumTaskSummary>> GetQuantumTaskAsync(QuantumTaskArn arn, CancellationToken cancellationToken);

    /// <summary>Cancels one task; <paramref name="clientToken"/> makes repeats of this cancellation idempotent.</summary>
    Task<BraketResult<CancellationStatus>> CancelQuantumTaskAsync(
        QuantumTaskArn arn,
        string clientToken,
        CancellationToken cancellationToken
    );

    Task<BraketResult<IReadOnlyList<DeviceSummary>>> SearchDevicesAsync(string region, CancellationToken cancellationToken);

    Task<BraketResult<IReadOnlyList<SpendingLimit>>> SearchSpendingLimitsAsync(string region, CancellationToken cancellationToken);

    /// <summary>Creates the device's limit (one per device) in the device's region; answers its ARN.</summary>
    Task<BraketResult<string>> CreateSpendingLimitAsync(
        DeviceArn device,
        decimal usd,
        LimitPeriod period,
        IReadOnlyDictionary<string, string> tags,
        string clientToken,
        CancellationToken cancellationToken
    );

    Task<BraketResult<SpendingLimitChanged>> UpdateSpendingLimitAsync(
        string spendingLimitArn,
        decimal usd,
        LimitPeriod period,
        string clientToken,
        CancellationToken cancellationToken
    );

    Task<BraketResult<SpendingLimitChanged>> DeleteSpendingLimitAsync(string spendingLimitArn, CancellationToken cancellationToken);

    /// <summary>Adds (or overwrites) tags on a Braket resource: how a limit taken over is marked as renewed by BraketBot.</summary>
    Task<BraketResult<SpendingLimitChanged>> TagResourceAsync(
        string resourceArn,
        IReadOnlyDictionary<string, string> tags,
        CancellationToken cancellationToken
    );

    /// <summary>A hybrid job with its instance and billable duration (GET /job/{jobArn}).</summary>
    Task<BraketResult<HybridJob>> GetJobAsync(HybridJobArn arn, CancellationToken cancellationToken);

    /// <summary>One page of hybrid jobs (POST /jobs; filters on jobArn or createdAt); summaries carry no instance.</summary>
    Task<BraketResult<HybridJobPage>> SearchJobsAsync(
        string region,
        IReadOnlyList<QuantumTaskFilter> filters,
        string? nextToken,
        int maxResults,
        CancellationToken cancellationToken
    );

    /// <summary>Cancels a hybrid job (PUT /job/{jobArn}/cancel); its queued tasks are left to the caller.</summary>
    Task<BraketResult<CancellationStatus>> CancelJobAsync(HybridJobArn arn, CancellationToken cancellationToken);
}

public sealed record HybridJobPage(IReadOnlyList<HybridJob> Jobs, string? NextToken);

/// <summary>Braket's empty answer to a change that was made.</summary>
public sealed record SpendingLimitChanged(string SpendingLimitArn);

public enum FilterOperator
{
    Lt,
    Lte,
    Equal,
    Gt,
    Gte,
    Between,
}

/// <summary>A SearchQuantumTasks filter: quantumTaskArn, deviceArn, jobArn, status or createdAt.</summary>
public sealed record QuantumTaskFilter(string Name, FilterOperator Operator, IReadOnlyList<string> Values)
{
    public static QuantumTaskFilter Device(string deviceArn) => new("deviceArn", FilterOperator.Equal, [deviceArn]);

    public static QuantumTaskFilter CreatedAt(FilterOperator op, DateTimeOffset at) => new("createdAt", op, [Rfc3339(at)]);

    public static QuantumTaskFilter Status(params QuantumTaskStatus[] statuses) =>
        new("status", FilterOperator.Equal, statuses.Select(s => s.ToWire()).ToList());

    private static string Rfc3339(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
