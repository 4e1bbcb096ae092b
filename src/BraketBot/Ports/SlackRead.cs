namespace BraketBot.Ports;

/// <summary>A value Slack read out, or Slack's error string (or "unreachable").</summary>
public sealed record SlackRead<T>(T? Value, string? Error)
    where T : class
{
    public bool Ok => Error is null;
}
