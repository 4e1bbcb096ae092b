namespace BraketBot.Domain;

public enum CapAction
{
    CancelQueued,
    AlertOnly,
}
