namespace BraketBot.Braket;

/// <summary>A search's summary of a task; its tags (a TagsMap) are absent when it has none.</summary>
internal sealed record QuantumTaskWire(
    string QuantumTaskArn,
    string Status,
    string DeviceArn,
    long Shots,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EndedAt,
    IReadOnlyDictionary<string, string>? Tags
)
{
    public QuantumTaskSummary ToSummary() =>
        new(QuantumTaskArn, QuantumTaskStatuses.Parse(Status), DeviceArn, Shots, CreatedAt, EndedAt, Tags: TagsOf(Tags));

    /// <summary>Braket said what the task's tags are: none when it sent none.</summary>
    public static IReadOnlyDictionary<string, string> TagsOf(IReadOnlyDictionary<string, string>? wire) =>
        wire ?? new Dictionary<string, string>(StringComparer.Ordinal);
}
