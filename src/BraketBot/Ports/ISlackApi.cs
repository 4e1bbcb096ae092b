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
    Task<SlackResult> PostMessageAsync(string channel, SlackMessage message, string? threadTs, MessageTag? tag, CancellationToken cancellationToken);

    Task<SlackResult> UpdateMessageAsync(string channel, string ts, SlackMessage message, CancellationToken cancellationToken);

    /// <summary>The ts of the message carrying this tag, posted since <paramref name="since"/> (in a thread when given).</summary>
    Task<SlackResult> FindMessageAsync(string channel, string? threadTs, MessageTag tag, DateTimeOffset since, CancellationToken cancellationToken);

    Task<SlackResult> RespondAsync(Uri responseUrl, SlackMessage message, Visibility visibility, bool replaceOriginal, CancellationToken cancellationToken);
}
