using Microsoft.Extensions.Options;

namespace BraketBot.Slack.SocketMode;

/// <summary>Socket Mode: the Slack section's app-level token. Set, the bot opens a Socket Mode connection.</summary>
public sealed record SocketModeOptions
{
    public const string Section = "Slack";

    /// <summary>xapp- token with connections:write, for apps.connections.open; unset means HTTP only.</summary>
    public string? AppToken { get; init; }

    public bool Enabled => !string.IsNullOrWhiteSpace(AppToken);
}

public sealed class SocketModeOptionsValidator : IValidateOptions<SocketModeOptions>
{
    public ValidateOptionsResult Validate(string? name, SocketModeOptions options) =>
        options.Enabled && !options.AppToken!.StartsWith("xapp-", StringComparison.Ordinal)
            ? ValidateOptionsResult.Fail("Slack:AppToken must be an app-level token (xapp-…) with the connections:write scope.")
            : ValidateOptionsResult.Success;
}
