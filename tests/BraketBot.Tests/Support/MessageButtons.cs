using System.Text.Json;

namespace BraketBot.Tests.Support;

public static class MessageButtons
{
    /// <summary>The one button with this action id in a message as Slack received it (JSON).</summary>
    public static JsonElement Of(JsonElement message, string actionId) =>
        message
            .GetProperty("blocks")
            .EnumerateArray()
            .Where(b => b.GetProperty("type").GetString() == "actions")
            .SelectMany(b => b.GetProperty("elements").EnumerateArray())
            .Single(e => e.GetProperty("action_id").GetString() == actionId);
}
