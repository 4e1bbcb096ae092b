namespace BraketBot.Ports;

/// <summary>A file to upload: its bytes and names, and where to share it (nowhere when <see cref="Channel"/> is null).</summary>
/// <param name="ThreadTs">Shares it as a reply in this thread of <see cref="Channel"/>.</param>
/// <param name="Comment">The message text that introduces the file where it is shared.</param>
public sealed record SlackFileUpload(
    byte[] Content,
    string FileName,
    string Title,
    string AltText,
    string? Channel = null,
    string? ThreadTs = null,
    string? Comment = null
);

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

/// <summary>
/// Slack's file upload (files.getUploadURLExternal, the bytes to the URL it gives, then
/// files.completeUploadExternal). A channel the bot cannot post in (not_in_channel, channel_not_found)
/// gets the file unshared instead, for an image block to show; a thread's file fails there instead.
/// </summary>
public interface ISlackFiles
{
    Task<SlackFileResult> UploadAsync(SlackFileUpload upload, CancellationToken cancellationToken);
}
