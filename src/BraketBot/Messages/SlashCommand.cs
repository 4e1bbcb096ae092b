namespace BraketBot.Messages;

/// <summary>The fields Slack sends for a slash command (a form over HTTP, a JSON payload over Socket Mode).</summary>
public sealed record SlashCommand(
    string Command,
    string Text,
    string UserId,
    string UserName,
    string ChannelId,
    string TeamId,
    string AppId,
    Uri ResponseUrl
)
{
    /// <summary>The command from its fields; null when it lacks what an answer needs (a user, a response_url).</summary>
    public static SlashCommand? From(Func<string, string> field)
    {
        if (!Uri.TryCreate(field("response_url"), UriKind.Absolute, out var responseUrl) || responseUrl.Scheme is not ("https" or "http"))
            return null;
        if (field("user_id") is not { Length: > 0 } userId)
            return null;
        return new SlashCommand(
            field("command"),
            field("text").Trim(),
            userId,
            field("user_name"),
            field("channel_id"),
            field("team_id"),
            field("api_app_id"),
            responseUrl
        );
    }
}
