namespace BraketBot.Messages;

/// <summary>Slack's file object of an image block: the file by its id.</summary>
public sealed record SlackFileRef(string Id);
