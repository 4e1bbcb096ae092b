namespace BraketBot.Enforcement;

/// <summary>Where alerts go: the alert part of the Slack section.</summary>
public sealed record AlertOptions
{
    public const string Section = "Slack";

    public string? AlertChannel { get; init; }

    public string? BotToken { get; init; }

    /// <summary>Without a channel and a token, alerts are logged instead of posted.</summary>
    public bool CanPost => !string.IsNullOrWhiteSpace(AlertChannel) && !string.IsNullOrWhiteSpace(BotToken);
}
