namespace BraketBot.Domain;

public enum QuantumTaskStatus { Created, Queued, Running, Completed, Failed, Cancelling, Cancelled, Unknown }

public static class QuantumTaskStatuses
{
    /// <summary>Every status, in the order a task passes through them.</summary>
    public static readonly IReadOnlyList<QuantumTaskStatus> All =
    [
        QuantumTaskStatus.Created, QuantumTaskStatus.Queued, QuantumTaskStatus.Running, QuantumTaskStatus.Completed,
        QuantumTaskStatus.Failed, QuantumTaskStatus.Cancelling, QuantumTaskStatus.Cancelled,
    ];

    public static QuantumTaskStatus Parse(string? wire) =>
        Enum.TryParse<QuantumTaskStatus>(wire, ignoreCase: true, out var status) && status != QuantumTaskStatus.Unknown
            ? status
            : QuantumTaskStatus.Unknown;

    public static string ToWire(this QuantumTaskStatus status) => status.ToString().ToUpperInvariant();

    /// <summary>Braket cancels only tasks that have not started.</summary>
    public static bool IsCancellable(this QuantumTaskStatus status) =>
        status is QuantumTaskStatus.Created or QuantumTaskStatus.Queued;
}

/// <summary>
/// A task as SearchQuantumTasks (and GetQuantumTask) describe it. <see cref="Origin"/> comes from
/// GetQuantumTask only; null while it is not known. <see cref="Tags"/> come with both (empty: none);
/// null while they are not known (an event does not carry them).
/// </summary>
public sealed record QuantumTaskSummary(
    string QuantumTaskArn, QuantumTaskStatus Status, string DeviceArn, long Shots, DateTimeOffset CreatedAt, DateTimeOffset? EndedAt = null,
    TaskOrigin? Origin = null, IReadOnlyDictionary<string, string>? Tags = null)
{
    /// <summary>How the task is billed; a task of unknown origin counts as on demand until it is known.</summary>
    public TaskBilling Billing => Origin?.Billing ?? TaskBilling.OnDemand;

    public bool IsReserved => Origin?.IsReserved == true;
}

public sealed record DeviceSummary(string DeviceArn, string DeviceName, string ProviderName, string DeviceType, string DeviceStatus)
{
    public bool IsSimulator => DeviceType.Equals("SIMULATOR", StringComparison.OrdinalIgnoreCase);

    public bool IsRetired => DeviceStatus.Equals("RETIRED", StringComparison.OrdinalIgnoreCase);

    /// <summary>The device's region; empty for simulators, which run in every region.</summary>
    public string Region => Domain.DeviceArn.TryParse(DeviceArn, out var arn) ? arn.Region : "";

    /// <summary>A device known only by its ARN (retired, or not in this account's search).</summary>
    public static DeviceSummary FromArn(DeviceArn arn) =>
        new(arn.Value, arn.Name, arn.Provider, arn.IsSimulator ? "SIMULATOR" : "QPU", "UNKNOWN");
}
