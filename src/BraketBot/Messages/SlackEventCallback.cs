using System.Text.Json;

namespace BraketBot.Messages;

/// <summary>
/// A body of Slack's Events API (over HTTP, or the payload of a Socket Mode <c>events_api</c> envelope):
/// <c>url_verification</c> with its challenge, or <c>event_callback</c> with the event's id and the
/// fields of the inner event BraketBot reads. Parsing is pure and never throws.
/// </summary>
public sealed record SlackEventCallback(
    string Type,
    string? Challenge,
    string? EventId,
    string? TeamId,
    string? AppId,
    string? EventType,
    string? User,
    string? Tab
)
{
    public const string UrlVerification = "url_verification";
    public const string EventCallbackType = "event_callback";
    public const string AppHomeOpened = "app_home_opened";
    public const string HomeTabName = "home";

    /// <summary>An <c>app_home_opened</c> for the Home tab (not the Messages tab), by a user.</summary>
    public bool OpensHomeTab => Type == EventCallbackType && EventType == AppHomeOpened && Tab == HomeTabName && User is { Length: > 0 };

    /// <summary>The body, or null when it is not a JSON object with a type.</summary>
    public static SlackEventCallback? Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            return From(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The body from a JSON element (a Socket Mode envelope's payload); null when it is not an object with a type, or when a
    /// field it reads is no text (a lone surrogate escape, which JSON's grammar allows and a .NET string cannot hold).
    /// </summary>
    public static SlackEventCallback? From(JsonElement root)
    {
        try
        {
            return Read(root);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static SlackEventCallback? Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || Text(root, "type") is not { Length: > 0 } type)
            return null;
        var inner = root.TryGetProperty("event", out var e) && e.ValueKind == JsonValueKind.Object ? e : default;
        return new SlackEventCallback(
            type,
            Text(root, "challenge"),
            Text(root, "event_id"),
            Text(root, "team_id"),
            Text(root, "api_app_id"),
            Text(inner, "type"),
            Text(inner, "user"),
            Text(inner, "tab")
        );
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
