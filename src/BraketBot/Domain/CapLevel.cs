namespace BraketBot.Domain;

public enum CapLevel
{
    Warning,
    Breach,
}
