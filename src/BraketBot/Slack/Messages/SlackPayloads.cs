using System.Text.Json.Serialization;

namespace BraketBot.Slack.Messages;

public sealed record SlackUser(string Id, string? Username, string? Name, [property: JsonPropertyName("team_id")] string? TeamId);

public sealed record SlackTeam(string Id);

public sealed record SlackChannel(string Id, string? Name);

public sealed record BlockAction(string ActionId, string? BlockId, string? Value, string? ActionTs);
