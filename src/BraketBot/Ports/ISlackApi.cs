using BraketBot.Messages;

namespace BraketBot.Ports;

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
