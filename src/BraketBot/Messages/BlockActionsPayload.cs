using System.Text.Json;
using System.Text.Json.Serialization;

namespace BraketBot.Messages;

/// <summary>The JSON in the "payload" field of a block_actions interaction.</summary>
public sealed record BlockActionsPayload(
    string Type,
    SlackUser User,
    SlackTeam? Team,
    [property: JsonPropertyName("api_app_id")] string? AppId,
    SlackChannel? Channel,
    [property: JsonPropertyName("response_url")] Uri? ResponseUrl,
    IReadOnlyList<BlockAction> Actions
)
{
    public const string BlockActionsType = "block_actions";

    /// <summary>The view the click came from; a Home tab's click has no response_url (its answer is the view published again).</summary>
    public SlackView? View { get; init; }

    /// <summary>A click on the Home tab: answered by publishing the clicker's view, not through a response_url.</summary>
    public bool FromHomeTab => ResponseUrl is null && View?.Type == SlackView.HomeType;

    public string TeamId => Team?.Id ?? User.TeamId ?? "";

    /// <summary>
    /// Parses the payload; null when it is not JSON or lacks what a handler needs (a user, a
    /// response_url or the Home tab it came from, and actions that each name their action_id).
    /// </summary>
    public static BlockActionsPayload? Parse(string json)
    {
        try
        {
            var payload = JsonSerializer.Deserialize<BlockActionsPayload>(json, SlackMessage.Json);
            return
                payload is { Type.Length: > 0, User.Id.Length: > 0, Actions: not null }
                && (payload.ResponseUrl is { IsAbsoluteUri: true } || payload.FromHomeTab)
                && payload.Actions.All(a => a is { ActionId.Length: > 0 })
                ? payload
                : null;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException)
        {
            return null;
        }
    }
}
