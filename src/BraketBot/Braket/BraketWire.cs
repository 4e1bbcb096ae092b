using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using BraketBot.Ports;

namespace BraketBot.Braket;

// Request and response bodies exactly as botocore's braket/2019-09-01/service-2.json shapes them.

internal static class BraketWire
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

internal sealed record SearchRequest(IReadOnlyList<FilterWire>? Filters, int MaxResults, string? NextToken);

internal sealed record FilterWire(string Name, string Operator, IReadOnlyList<string> Values)
{
    public static FilterWire From(QuantumTaskFilter filter) =>
        new(filter.Name, filter.Operator.ToString().ToUpperInvariant(), filter.Values);
}

internal sealed record CancelRequest(string ClientToken);

/// <summary>A search's summary of a task; its tags (a TagsMap) are absent when it has none.</summary>
internal sealed record QuantumTaskWire(
    string QuantumTaskArn, string Status, string DeviceArn, long Shots, DateTimeOffset CreatedAt, DateTimeOffset? EndedAt,
    IReadOnlyDictionary<string, string>? Tags)
{
    public QuantumTaskSummary ToSummary() =>
        new(QuantumTaskArn, QuantumTaskStatuses.Parse(Status), DeviceArn, Shots, CreatedAt, EndedAt, Tags: TagsOf(Tags));

    /// <summary>Braket said what the task's tags are: none when it sent none.</summary>
    public static IReadOnlyDictionary<string, string> TagsOf(IReadOnlyDictionary<string, string>? wire) =>
        wire ?? new Dictionary<string, string>(StringComparer.Ordinal);
}

internal sealed record AssociationWire(string Arn, string Type);

/// <summary>
/// GetQuantumTask's answer: a search summary's fields (tags too), and the task's origin (its associations and
/// jobArn), which only it gives.
/// </summary>
internal sealed record GetQuantumTaskResponse(
    string QuantumTaskArn, string Status, string DeviceArn, long Shots, DateTimeOffset CreatedAt, DateTimeOffset? EndedAt,
    string? JobArn, IReadOnlyList<AssociationWire>? Associations, IReadOnlyDictionary<string, string>? Tags)
{
    public QuantumTaskSummary ToSummary() => new(
        QuantumTaskArn, QuantumTaskStatuses.Parse(Status), DeviceArn, Shots, CreatedAt, EndedAt,
        new TaskOrigin(Associations?.FirstOrDefault(a => a.Type == TaskOrigin.ReservationAssociation)?.Arn, JobArn),
        QuantumTaskWire.TagsOf(Tags));
}

internal sealed record InstanceConfigWire(string InstanceType, int? InstanceCount);

internal sealed record DeviceConfigWire(string Device);

/// <summary>GetJob's answer, the fields BraketBot reads; billableDuration is an Integer in the model, milliseconds in Braket's answers.</summary>
internal sealed record GetJobResponse(
    string JobArn, string JobName, string Status, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt,
    InstanceConfigWire? InstanceConfig, DeviceConfigWire? DeviceConfig, long? BillableDuration)
{
    public HybridJob ToJob() => new(
        JobArn, JobName, Status, DeviceConfig?.Device, InstanceConfig?.InstanceType, InstanceConfig?.InstanceCount ?? 1,
        CreatedAt, StartedAt, EndedAt, BillableDuration is { } ms ? TimeSpan.FromMilliseconds(ms) : null);
}

internal sealed record JobSummaryWire(
    string JobArn, string JobName, string Status, string Device, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt)
{
    public HybridJob ToJob() => new(JobArn, JobName, Status, Device, null, 1, CreatedAt, StartedAt, EndedAt, null);
}

internal sealed record SearchJobsResponse(IReadOnlyList<JobSummaryWire> Jobs, string? NextToken);

internal sealed record CancelJobResponse(string JobArn, string CancellationStatus);

internal sealed record SearchQuantumTasksResponse(IReadOnlyList<QuantumTaskWire> QuantumTasks, string? NextToken);

internal sealed record CancelQuantumTaskResponse(string QuantumTaskArn, string CancellationStatus);

internal sealed record SearchDevicesResponse(IReadOnlyList<DeviceSummary> Devices, string? NextToken);

internal sealed record SearchSpendingLimitsResponse(IReadOnlyList<SpendingLimitWire> SpendingLimits, string? NextToken);

internal sealed record TimePeriodWire(double StartAt, double EndAt)
{
    public static TimePeriodWire From(LimitPeriod period) => new(period.Start.ToUnixTimeSeconds(), period.End.ToUnixTimeSeconds());

    public LimitPeriod ToPeriod() => new(Instant(StartAt), Instant(EndAt));

    private static DateTimeOffset Instant(double epochSeconds) => DateTimeOffset.FromUnixTimeMilliseconds((long)(epochSeconds * 1000));
}

internal sealed record SpendingLimitWire(
    string SpendingLimitArn, string DeviceArn, TimePeriodWire TimePeriod, string SpendingLimit, string QueuedSpend, string TotalSpend,
    IReadOnlyDictionary<string, string>? Tags)
{
    public SpendingLimit ToLimit() => new(
        SpendingLimitArn, DeviceArn, Money(SpendingLimit), Money(QueuedSpend), Money(TotalSpend), TimePeriod.ToPeriod(),
        Tags ?? new Dictionary<string, string>());

    private static decimal Money(string text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : 0m;
}

internal sealed record CreateSpendingLimitRequest(
    string ClientToken, string DeviceArn, string SpendingLimit, TimePeriodWire TimePeriod, IReadOnlyDictionary<string, string> Tags);

internal sealed record CreateSpendingLimitResponse(string SpendingLimitArn);

internal sealed record UpdateSpendingLimitRequest(string ClientToken, string SpendingLimit, TimePeriodWire TimePeriod);

internal sealed record TagResourceRequest(IReadOnlyDictionary<string, string> Tags);

/// <summary>The empty structure Braket answers a change with.</summary>
internal sealed record EmptyResponse
{
    public static readonly EmptyResponse Instance = new();
}

/// <summary>The body of a Braket error answer: {"message": "..."} (some services spell it "Message").</summary>
internal static class ErrorWire
{
    public static string? Message(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.EnumerateObject()
                    .FirstOrDefault(p => p.Name.Equals("message", StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.String)
                    .Value.ToString() is { Length: > 0 } message ? message : null
                : null;
        }
        catch (JsonException)
        {
            return null; // not every error body is JSON (a proxy's HTML page, say); the status still says enough
        }
    }
}
