namespace BraketBot.Cli;

public enum CheckStatus
{
    Pass,
    Fail,
    Skip,
}
