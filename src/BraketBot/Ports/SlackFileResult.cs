namespace BraketBot.Ports;

/// <summary>
/// What became of an upload: the file's id once Slack has it, whether it was shared in the channel
/// asked for (false: uploaded unshared, to be shown by an image block), or Slack's error.
/// </summary>
/// <param name="Unknown">No answer came to the final step: the file may or may not have been shared.</param>
public sealed record SlackFileResult(string? FileId, bool Shared, string? Error = null, bool Unknown = false)
{
    public bool Ok => Error is null && FileId is not null;

    public static SlackFileResult Failed(string error, bool unknown = false) => new(null, false, error, unknown);
}
