namespace BraketBot.Braket;

public sealed record QuantumTaskPage(IReadOnlyList<QuantumTaskSummary> QuantumTasks, string? NextToken);

/// <summary>The Braket API operations BraketBot calls, each answering with a value or a typed error.</summary>
public interface IBraketApi
{
    Task<BraketResult<QuantumTaskPage>> SearchQuantumTasksAsync(
        string region, IReadOnlyList<QuantumTaskFilter> filters, string? nextToken, int maxResults, CancellationToken cancellationToken);

    Task<BraketResult<QuantumTaskSummary>> GetQuantumTaskAsync(QuantumTaskArn arn, CancellationToken cancellationToken);

    /// <summary>Cancels one task; <paramref name="clientToken"/> makes repeats of this cancellation idempotent.</summary>
    Task<BraketResult<CancellationStatus>> CancelQuantumTaskAsync(QuantumTaskArn arn, string clientToken, CancellationToken cancellationToken);

    Task<BraketResult<IReadOnlyList<DeviceSummary>>> SearchDevicesAsync(string region, CancellationToken cancellationToken);

    Task<BraketResult<DeviceSummary>> GetDeviceAsync(DeviceArn arn, CancellationToken cancellationToken);

    Task<BraketResult<IReadOnlyList<SpendingLimit>>> SearchSpendingLimitsAsync(string region, CancellationToken cancellationToken);
}
