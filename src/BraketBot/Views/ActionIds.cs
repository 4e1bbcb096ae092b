namespace BraketBot.Views;

/// <summary>The action_id of each button, shared by the renderers that draw it and the handlers that answer it.</summary>
public static class ActionIds
{
    public const string CancelAllQueued = "cancel_all_queued";
    public const string RefreshReport = "refresh_report";
    public const string RefreshHome = "refresh_home";
    public const string CancelRest = "cancel_rest";
}
