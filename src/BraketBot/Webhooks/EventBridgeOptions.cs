namespace BraketBot.Webhooks;

public sealed record EventBridgeOptions
{
    public const string Section = "EventBridge";

    /// <summary>The API key of the EventBridge connection; without it the webhook answers 401.</summary>
    public string? ApiKey { get; init; }

    public string ApiKeyHeader { get; init; } = "x-api-key";
}
