namespace BraketBot.Commands;

/// <summary>
/// What a command found, whoever shows it (Slack, a terminal): its result, or why there is none.
/// <see cref="Problem"/> is written for people, in Slack's mrkdwn, and is told only to the one who asked.
/// </summary>
public readonly record struct CommandResult<T>(T? Value, string? Problem)
    where T : class
{
    public bool IsSuccess => Problem is null;

    public static implicit operator CommandResult<T>(T value) => new(value, null);

    public static implicit operator CommandResult<T>(Refusal refusal) => new(null, refusal.Problem);
}
