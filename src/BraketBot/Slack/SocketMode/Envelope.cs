using System.Text.Json;

namespace BraketBot.Slack.SocketMode;

/// <summary>
/// One frame of Slack's Socket Mode protocol: <c>hello</c> on connecting, <c>disconnect</c> (with a
/// reason) when Slack wants a new connection, and envelopes (<c>slash_commands</c>, <c>interactive</c>,
/// <c>events_api</c>) that carry an <c>envelope_id</c> to acknowledge and the payload the HTTP routes
/// would have received. Parsing is pure and never throws.
/// </summary>
public sealed record Envelope(
    string Type,
    string? EnvelopeId,
    JsonElement Payload,
    bool AcceptsResponsePayload,
    string? Reason,
    int RetryAttempt
)
{
    public const string Hello = "hello";
    public const string Disconnect = "disconnect";
    public const string SlashCommands = "slash_commands";
    public const string Interactive = "interactive";
    public const string EventsApi = "events_api";

    /// <summary>The frame, or null when it is not a JSON object with a type.</summary>
    public static Envelope? Parse(ReadOnlySpan<byte> frame)
    {
        try
        {
            using var document = JsonDocument.Parse(frame.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return null;
            if (Text(root, "type") is not { Length: > 0 } type)
                return null;
            var payload = root.TryGetProperty("payload", out var p) ? p.Clone() : default;
            return new Envelope(
                type,
                Text(root, "envelope_id"),
                payload,
                root.TryGetProperty("accepts_response_payload", out var accepts) && accepts.ValueKind == JsonValueKind.True,
                Text(root, "reason"),
                root.TryGetProperty("retry_attempt", out var retry)
                && retry.ValueKind == JsonValueKind.Number
                && retry.TryGetInt32(out var attempt)
                    ? attempt
                    : 0
            );
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a field that is no text (a lone surrogate escape); the frame is ignored, the link kept.
            return null;
        }
    }

    /// <summary>A string field of the payload, or "" (slash command payloads carry every field as a string), also when no text.</summary>
    public string PayloadText(string name)
    {
        try
        {
            return Payload.ValueKind == JsonValueKind.Object ? Text(Payload, name) ?? "" : "";
        }
        catch (InvalidOperationException)
        {
            return "";
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
