namespace BraketBot.Slack;

public enum SignatureCheck
{
    Valid,
    NoSecret,
    MissingHeaders,
    Stale,
    Mismatch,
}
