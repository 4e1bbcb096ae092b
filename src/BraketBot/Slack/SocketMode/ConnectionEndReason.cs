namespace BraketBot.Slack.SocketMode;

public enum ConnectionEndReason
{
    /// <summary>Slack sent <c>disconnect</c> (refresh_requested, warning): it will close this one soon; open a successor now.</summary>
    RefreshRequested,

    /// <summary>Slack sent <c>disconnect</c> with link_disabled: Socket Mode was switched off in the app's settings.</summary>
    LinkDisabled,

    /// <summary>The socket closed or failed.</summary>
    Lost,
}
