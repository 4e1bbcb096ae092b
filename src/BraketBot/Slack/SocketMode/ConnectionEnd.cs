namespace BraketBot.Slack.SocketMode;

public sealed record ConnectionEnd(ConnectionEndReason Reason, string Detail);
