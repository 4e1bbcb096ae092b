namespace BraketBot.Ports;

/// <summary>
/// A tag carried by a message as Slack message metadata, so that a post whose answer was lost can
/// be found again instead of posted twice.
/// </summary>
public sealed record MessageTag(string RunId, string Part)
{
    public const string EventType = "braketbot_run";
}
