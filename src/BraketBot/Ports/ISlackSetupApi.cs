namespace BraketBot.Ports;

/// <summary>
/// Reads that tell whether the Slack app is set up right, for `doctor`: the tokens valid, the alert
/// channel there and the bot in it. Nothing here posts or changes anything, so each may be retried.
/// </summary>
public interface ISlackSetupApi
{
    /// <summary>auth.test with the bot token.</summary>
    Task<SlackRead<SlackIdentity>> IdentifyBotAsync(CancellationToken cancellationToken);

    /// <summary>conversations.info with the bot token.</summary>
    Task<SlackRead<SlackChannelInfo>> ChannelAsync(string channel, CancellationToken cancellationToken);

    /// <summary>apps.connections.open with the app-level token: ok when Socket Mode could connect (the WebSocket is not opened).</summary>
    Task<SlackResult> CheckAppTokenAsync(CancellationToken cancellationToken);
}
