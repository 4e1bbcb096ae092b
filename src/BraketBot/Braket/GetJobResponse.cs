namespace BraketBot.Braket;

/// <summary>GetJob's answer, the fields BraketBot reads; billableDuration is an Integer in the model, milliseconds in Braket's
/// answers; tags (a map) absent means none.</summary>
internal sealed record GetJobResponse(
    string JobArn,
    string JobName,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    InstanceConfigWire? InstanceConfig,
    DeviceConfigWire? DeviceConfig,
    long? BillableDuration,
    Dictionary<string, string>? Tags
)
{
    public HybridJob ToJob() =>
        new(
            JobArn,
            JobName,
            Status,
            DeviceConfig?.Device,
            InstanceConfig?.InstanceType,
            InstanceConfig?.InstanceCount ?? 1,
            CreatedAt,
            StartedAt,
            EndedAt,
            BillableDuration is { } ms ? TimeSpan.FromMilliseconds(ms) : null
        )
        {
            Tags = Tags ?? [],
        };
}
