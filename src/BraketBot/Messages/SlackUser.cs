using System.Text.Json.Serialization;

namespace BraketBot.Messages;

public sealed record SlackUser(string Id, string? Username, string? Name, [property: JsonPropertyName("team_id")] string? TeamId);
