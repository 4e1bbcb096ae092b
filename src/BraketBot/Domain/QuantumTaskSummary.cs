namespace BraketBot.Domain;

/// <summary>
/// A task as SearchQuantumTasks (and GetQuantumTask) describe it. <see cref="Origin"/> comes from
/// GetQuantumTask only; null while it is not known. <see cref="Tags"/> come with both (empty: none);
/// null while they are not known (an event does not carry them).
/// </summary>
public sealed record QuantumTaskSummary(
    string QuantumTaskArn,
    QuantumTaskStatus Status,
    string DeviceArn,
    long Shots,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EndedAt = null,
    TaskOrigin? Origin = null,
    IReadOnlyDictionary<string, string>? Tags = null
)
{
    /// <summary>How the task is billed; a task of unknown origin counts as on demand until it is known.</summary>
    public TaskBilling Billing => Origin?.Billing ?? TaskBilling.OnDemand;

    public bool IsReserved => Origin?.IsReserved == true;
}
