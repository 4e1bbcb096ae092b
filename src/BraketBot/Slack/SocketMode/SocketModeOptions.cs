namespace BraketBot.Slack.SocketMode;

/// <summary>Socket Mode: the Slack section's app-level token. Set, the bot opens a Socket Mode connection.</summary>
public sealed record SocketModeOptions
{
    public const string Section = "Slack";

    /// <summary>xapp- token with connections:write, for apps.connections.open; unset means HTTP only.</summary>
    public string? AppToken { get; init; }

    public bool Enabled => !string.IsNullOrWhiteSpace(AppToken);
}
