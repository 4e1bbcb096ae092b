namespace BraketBot.Domain;

public static class QuantumTaskStatuses
{
    /// <summary>Every status, in the order a task passes through them.</summary>
    public static readonly IReadOnlyList<QuantumTaskStatus> All =
    [
        QuantumTaskStatus.Created,
        QuantumTaskStatus.Queued,
        QuantumTaskStatus.Running,
        QuantumTaskStatus.Completed,
        QuantumTaskStatus.Failed,
        QuantumTaskStatus.Cancelling,
        QuantumTaskStatus.Cancelled,
    ];

    public static QuantumTaskStatus Parse(string? wire) =>
        Enum.TryParse<QuantumTaskStatus>(wire, ignoreCase: true, out var status) && status != QuantumTaskStatus.Unknown
            ? status
            : QuantumTaskStatus.Unknown;

    public static string ToWire(this QuantumTaskStatus status) => status.ToString().ToUpperInvariant();

    /// <summary>Braket cancels only tasks that have not started.</summary>
    public static bool IsCancellable(this QuantumTaskStatus status) => status is QuantumTaskStatus.Created or QuantumTaskStatus.Queued;
}
