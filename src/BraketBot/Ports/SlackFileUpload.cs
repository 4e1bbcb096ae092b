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
