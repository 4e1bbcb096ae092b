namespace BraketBot.Ports;

/// <summary>What Slack answered: ok with the message's ts, or Slack's error string.</summary>
/// <param name="Unknown">No answer came (a timeout, a 5xx): the message may or may not have landed.</param>
public sealed record SlackResult(bool Ok, string? Ts = null, string? Error = null, bool Unknown = false)
{
    public static SlackResult Failed(string error) => new(false, Error: error);

    public static SlackResult NoAnswer(string error) => new(false, Error: error, Unknown: true);
}
