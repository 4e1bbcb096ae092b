using System.Text.Json;
using System.Text.Json.Serialization;

namespace BraketBot.Slack;

/// <summary>The form Slack posts for a slash command.</summary>
public sealed record SlashCommand(
    string Command, string Text, string UserId, string UserName, string ChannelId, string TeamId, Uri ResponseUrl)
{
    public static SlashCommand? FromForm(IFormCollection form)
    {
        string Field(string name) => form[name].ToString();
        if (!Uri.TryCreate(Field("response_url"), UriKind.Absolute, out var responseUrl)) return null;
        if (Field("user_id") is not { Length: > 0 } userId) return null;
        return new SlashCommand(
            Field("command"), Field("text").Trim(), userId, Field("user_name"), Field("channel_id"), Field("team_id"), responseUrl);
    }
}

/// <summary>The JSON in the "payload" field of a block_actions interaction.</summary>
public sealed record BlockActionsPayload(
    string Type,
    SlackUser User,
    SlackChannel? Channel,
    [property: JsonPropertyName("response_url")] Uri? ResponseUrl,
    IReadOnlyList<BlockAction> Actions)
{
    public const string BlockActionsType = "block_actions";

    /// <summary>Parses the payload; null when it is not JSON or lacks what a handler needs.</summary>
    public static BlockActionsPayload? Parse(string json)
    {
        try
        {
            var payload = JsonSerializer.Deserialize<BlockActionsPayload>(json, SlackMessage.Json);
            return payload is { User.Id.Length: > 0, Actions: not null, ResponseUrl.IsAbsoluteUri: true } ? payload : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

public sealed record SlackUser(string Id, string? Username, string? Name);

public sealed record SlackChannel(string Id, string? Name);

public sealed record BlockAction(string ActionId, string? BlockId, string? Value, string? ActionTs);
