using System.Diagnostics.CodeAnalysis;

namespace BraketBot.Enforcement;

/// <summary>Where alerts go: the alert part of the Slack section.</summary>
public sealed record AlertOptions
{
    public const string Section = "Slack";

    public string? AlertChannel { get; init; }

    public string? BotToken { get; init; }

    /// <summary>Without a channel and a token, alerts are logged instead of posted.</summary>
    public bool CanPost => CanPostTo(AlertChannel);

    /// <summary>A run posts in its own channel (a budget's may be set where the alert channel is not), given a token.</summary>
    public bool CanPostTo([NotNullWhen(true)] string? channel) =>
        !string.IsNullOrWhiteSpace(channel) && !string.IsNullOrWhiteSpace(BotToken);
}
