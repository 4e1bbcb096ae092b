namespace BraketBot.Ports;

/// <summary>
/// Slack's file upload (files.getUploadURLExternal, the bytes to the URL it gives, then
/// files.completeUploadExternal). A channel the bot cannot post in (not_in_channel, channel_not_found)
/// gets the file unshared instead, for an image block to show; a thread's file fails there instead.
/// </summary>
public interface ISlackFiles
{
    Task<SlackFileResult> UploadAsync(SlackFileUpload upload, CancellationToken cancellationToken);
}
