using System.Globalization;
using System.Text.Json;

namespace BraketBot.Enforcement;

/// <summary>Parses the EventBridge event JSON (an API destination's body, an SQS message's body). Pure; never throws.</summary>
public static class TaskStateChange
{
    /// <summary>More shots than any device takes in one task: a broken or hostile event, refused.</summary>
    public const long MaxShots = 10_000_000;

    public const string DetailType = "Braket Task State Change";
    public const string JobDetailType = "Braket Job State Change";

    /// <summary>A hybrid job's statuses, as GetJob and its events name them.</summary>
    private static readonly string[] JobStatuses = ["QUEUED", "RUNNING", "COMPLETED", "FAILED", "CANCELLING", "CANCELLED"];
    public const string Source = "aws.braket";

    public static EventParse Parse(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException e)
        {
            return new EventParse.Invalid($"The body is not JSON: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return new EventParse.Invalid("The body is not an EventBridge event object.");
            if (Text(root, "id") is not { Length: > 0 } id)
                return new EventParse.Invalid("The event has no id.");
            var detailType = Text(root, "detail-type") ?? "";
            if (detailType is not (DetailType or JobDetailType) || Text(root, "source") != Source)
                return new EventParse.Other(id, detailType);
            if (!root.TryGetProperty("detail", out var detail) || detail.ValueKind != JsonValueKind.Object)
                return new EventParse.Invalid("The event has no detail object.");
            if (detailType == JobDetailType)
                return ParseJob(id, Text(root, "account") ?? "", Text(root, "region") ?? "", detail);
            DateTimeOffset? time = null;
            if (Text(root, "time") is { } stamp)
            {
                if (!DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                    return new EventParse.Invalid("time is not a timestamp.");
                time = at;
            }
            return ParseDetail(id, Text(root, "account") ?? "", Text(root, "region") ?? "", time, detail);
        }
    }

    private static EventParse ParseDetail(string id, string account, string region, DateTimeOffset? time, JsonElement detail)
    {
        if (!QuantumTaskArn.TryParse(Text(detail, "quantumTaskArn"), out var taskArn))
            return new EventParse.Invalid("detail.quantumTaskArn is missing or not a quantum task ARN.");
        if (!DeviceArn.TryParse(Text(detail, "deviceArn"), out var deviceArn))
            return new EventParse.Invalid("detail.deviceArn is missing or not a device ARN.");
        var status = QuantumTaskStatuses.Parse(Text(detail, "status"));
        if (status == QuantumTaskStatus.Unknown)
            return new EventParse.Invalid("detail.status is not a quantum task status.");
        if (!TryShots(detail, out var shots))
            return new EventParse.Invalid("detail.shots is not a whole number of shots.");
        if (shots > MaxShots)
            return new EventParse.Invalid($"detail.shots is {shots}, more than any task can have ({MaxShots}).");
        if (
            !DateTimeOffset.TryParse(
                Text(detail, "createdAt"),
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal,
                out var createdAt
            )
        )
            return new EventParse.Invalid("detail.createdAt is not a timestamp.");
        return new EventParse.TaskEvent(
            id,
            account,
            region,
            new QuantumTaskSummary(taskArn.Value, status, deviceArn.Value, shots, createdAt),
            time
        );
    }

    private static EventParse ParseJob(string id, string account, string region, JsonElement detail)
    {
        if (!HybridJobArn.TryParse(Text(detail, "jobArn"), out var job))
            return new EventParse.Invalid("detail.jobArn is missing or not a hybrid job ARN.");
        if (Text(detail, "status") is not { } status || !JobStatuses.Contains(status))
            return new EventParse.Invalid("detail.status is not a hybrid job status.");
        return new EventParse.JobEvent(id, account, region, job, status);
    }

    /// <summary>EventBridge sends shots as a string ("50"); a number is taken too.</summary>
    private static bool TryShots(JsonElement detail, out long shots)
    {
        shots = 0;
        if (!detail.TryGetProperty("shots", out var value))
            return false;
        return value.ValueKind switch
        {
            JsonValueKind.String => long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out shots),
            JsonValueKind.Number => value.TryGetInt64(out shots) && shots >= 0,
            _ => false,
        };
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
