using BraketBot.Slack.Messages;

namespace BraketBot.Ports;

/// <summary>What Slack answered: ok with the message's ts, or Slack's error string.</summary>
/// <param name="Unknown">No answer came (a timeout, a 5xx): the message may or may not have landed.</param>
public sealed record SlackResult(bool Ok, string? Ts = null, string? Error = null, bool Unknown = false)
{
    public static SlackResult Failed(string error) => new(false, Error: error);

    public static SlackResult NoAnswer(string error) => new(false, Error: error, Unknown: true);
}

/// <summary>
/// A tag carried by a message as Slack message metadata, so that a post whose answer was lost can
/// be found again instead of posted twice.
/// </summary>
public sealed record MessageTag(string RunId, string Part)
{
    public const string EventType = "braketbot_run";
}

/// <summary>The Slack Web API calls BraketBot makes, and replies through a response_url.</summary>
public interface ISlackApi
{
    /// <summary>Posts once: never retried behind the caller's back, since a post is not idempotent.</summary>
    Task<SlackResult> PostMessageAsync(
        string channel,
        SlackMessage message,
        string? threadTs,
        MessageTag? tag,
        CancellationToken cancellationToken
    );

    Task<SlackResult> UpdateMessageAsync(string channel, string ts, SlackMessage message, CancellationToken cancellationToken);

    /// <summary>The ts of the message carrying this tag, posted since <paramref name="since"/> (in a thread when given).</summary>
    Task<SlackResult> FindMessageAsync(
        string channel,
        string? threadTs,
        MessageTag tag,
        DateTimeOffset since,
        CancellationToken cancellationToken
    );

    Task<SlackResult> RespondAsync(
        Uri responseUrl,
        SlackMessage message,
        Visibility visibility,
        bool replaceOriginal,
        CancellationToken cancellationToken
    );
}

/// <summary>The bot token's identity, as auth.test tells it: the workspace and the bot user.</summary>
public sealed record SlackIdentity(string Team, string? TeamUrl, string User);

/// <summary>A channel as the bot sees it (conversations.info).</summary>
public sealed record SlackChannelInfo(string Id, string Name, bool IsMember, bool IsPrivate);

/// <summary>A value Slack read out, or Slack's error string (or "unreachable").</summary>
public sealed record SlackRead<T>(T? Value, string? Error)
    where T : class
{
    public bool Ok => Error is null;
}

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
