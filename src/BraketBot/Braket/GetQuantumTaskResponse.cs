namespace BraketBot.Braket;

/// <summary>
/// GetQuantumTask's answer: a search summary's fields (tags too), and the task's origin (its associations and
/// jobArn), which only it gives.
/// </summary>
internal sealed record GetQuantumTaskResponse(
    string QuantumTaskArn,
    string Status,
    string DeviceArn,
    long Shots,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EndedAt,
    string? JobArn,
    IReadOnlyList<AssociationWire>? Associations,
    IReadOnlyDictionary<string, string>? Tags
)
{
    public QuantumTaskSummary ToSummary() =>
        new(
            QuantumTaskArn,
            QuantumTaskStatuses.Parse(Status),
            DeviceArn,
            Shots,
            CreatedAt,
            EndedAt,
            new TaskOrigin(Associations?.FirstOrDefault(a => a.Type == TaskOrigin.ReservationAssociation)?.Arn, JobArn),
            QuantumTaskWire.TagsOf(Tags)
        );
}
