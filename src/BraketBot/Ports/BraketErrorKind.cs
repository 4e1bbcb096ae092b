namespace BraketBot.Ports;

public enum BraketErrorKind
{
    NotFound,
    Conflict,
    AccessDenied,
    Validation,
    Throttled,
    Unavailable,
    NoCredentials,
    CredentialsRefused,
    Unexpected,
}
