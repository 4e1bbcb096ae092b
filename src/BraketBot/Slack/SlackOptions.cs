namespace BraketBot.Slack;

public sealed record SlackOptions
{
    public const string Section = "Slack";

    /// <summary>Verifies every request Slack sends; without it every Slack route answers 401.</summary>
    public string? SigningSecret { get; init; }

    /// <summary>xoxb- token for chat.postMessage and chat.update; without it alerts are only logged.</summary>
    public string? BotToken { get; init; }

    /// <summary>Channel id that receives the automatic cap reports.</summary>
    public string? AlertChannel { get; init; }

    /// <summary>xapp- app-level token (connections:write), for Socket Mode (validated with its options there); unset means HTTP
    /// only.</summary>
    public string? AppToken { get; init; }

    public Uri ApiBaseUrl { get; init; } = new("https://slack.com/api/");
}
