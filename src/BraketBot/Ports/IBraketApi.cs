namespace BraketBot.Ports;

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
