namespace BraketBot.Messages;

public static class Visibilities
{
    /// <summary>Slack's response_type.</summary>
    public static string ToWire(this Visibility visibility) => visibility == Visibility.InChannel ? "in_channel" : "ephemeral";
}
