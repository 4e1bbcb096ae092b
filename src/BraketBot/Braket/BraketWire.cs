using System.Text.Json;
using System.Text.Json.Serialization;
using BraketBot.Ports;

namespace BraketBot.Braket;

// Request and response bodies exactly as botocore's braket/2019-09-01/service-2.json shapes them.

internal static class BraketWire
{
    public static JsonSerializerOptions Json { get; } =
        new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
}

internal sealed record SearchRequest(IReadOnlyList<FilterWire>? Filters, int MaxResults, string? NextToken);

internal sealed record FilterWire(string Name, string Operator, IReadOnlyList<string> Values)
{
    public static FilterWire From(QuantumTaskFilter filter) =>
        new(filter.Name, filter.Operator.ToString().ToUpperInvariant(), filter.Values);
}

internal sealed record CancelRequest(string ClientToken);

internal sealed record AssociationWire(string Arn, string Type);

internal sealed record InstanceConfigWire(string InstanceType, int? InstanceCount);

internal sealed record DeviceConfigWire(string Device);

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

internal sealed record CreateSpendingLimitRequest(
    string ClientToken,
    string DeviceArn,
    string SpendingLimit,
    TimePeriodWire TimePeriod,
    IReadOnlyDictionary<string, string> Tags
);

internal sealed record CreateSpendingLimitResponse(string SpendingLimitArn);

internal sealed record UpdateSpendingLimitRequest(string ClientToken, string SpendingLimit, TimePeriodWire TimePeriod);

internal sealed record TagResourceRequest(IReadOnlyDictionary<string, string> Tags);

/// <summary>The empty structure Braket answers a change with.</summary>
internal sealed record EmptyResponse
{
    public static readonly EmptyResponse Instance = new();
}
