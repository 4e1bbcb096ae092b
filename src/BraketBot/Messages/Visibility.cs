namespace BraketBot.Messages;

public enum Visibility
{
    Ephemeral,
    InChannel,
}
