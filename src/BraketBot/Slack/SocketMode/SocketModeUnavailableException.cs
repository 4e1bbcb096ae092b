namespace BraketBot.Slack.SocketMode;

/// <summary>Slack refused or failed apps.connections.open; the message says how.</summary>
public sealed class SocketModeUnavailableException(string message) : Exception(message);
