namespace BraketBot.Braket;

internal sealed record JobSummaryWire(
    string JobArn,
    string JobName,
    string Status,
    string Device,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt
)
{
    public HybridJob ToJob() => new(JobArn, JobName, Status, Device, null, 1, CreatedAt, StartedAt, EndedAt, null);
}
