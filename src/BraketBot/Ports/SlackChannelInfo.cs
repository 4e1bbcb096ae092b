namespace BraketBot.Ports;

/// <summary>A channel as the bot sees it (conversations.info).</summary>
public sealed record SlackChannelInfo(string Id, string Name, bool IsMember, bool IsPrivate);
