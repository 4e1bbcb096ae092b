using System.Globalization;
using System.Text.Json;
using BraketBot.Domain;

namespace BraketBot.Testing;

/// <summary>EventBridge "Braket Task State Change" events, shaped like shared/samples (shots as a string).</summary>
public static class Events
{
    /// <param name="time">When the state changed (the event's own "time"); the task's creation when not given.</param>
    public static string TaskStateChange(QuantumTaskSummary task, string? id = null, DateTimeOffset? time = null) =>
        JsonSerializer.Serialize(
            new Dictionary<string, object>
            {
                ["version"] = "0",
                ["id"] = id ?? Guid.NewGuid().ToString(),
                ["detail-type"] = "Braket Task State Change",
                ["source"] = "aws.braket",
                ["account"] = Tasks.Account,
                ["time"] = (time ?? task.CreatedAt).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["region"] = QuantumTaskArn.TryParse(task.QuantumTaskArn, out var arn) ? arn.Region : "us-west-1",
                ["resources"] = new[] { task.QuantumTaskArn },
                ["detail"] = new Dictionary<string, object>
                {
                    ["quantumTaskArn"] = task.QuantumTaskArn,
                    ["status"] = task.Status.ToWire(),
                    ["deviceArn"] = task.DeviceArn,
                    ["shots"] = task.Shots.ToString(CultureInfo.InvariantCulture),
                    ["outputS3Bucket"] = "amazon-braket-us-west-1-111122223333",
                    ["outputS3Directory"] = "tasks/" + task.QuantumTaskArn.Split('/')[^1],
                    ["createdAt"] = task.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                    ["eventName"] = "INSERT",
                },
            }
        );

    public static HttpRequestMessage Post(string body, string? apiKey = TestSettings.EventBridgeApiKey, string header = "x-api-key")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/eventbridge")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        if (apiKey is not null)
            request.Headers.Add(header, apiKey);
        return request;
    }
}
