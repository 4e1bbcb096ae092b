namespace BraketBot.Ports;

/// <summary>
/// One-time claims on keys, shared between this bot's runs and, with PostgreSQL, between instances. Each operation
/// is atomic, so two instances asking at once get one "yes".
/// </summary>
public interface IClaimStore
{
    /// <summary>True the first time a key is claimed until it expires: de-duplicated events, replayed clicks.</summary>
    Task<bool> TryClaimAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>
    /// Gives claims back (an event whose hand-over failed, a run's scope when it ends), only where
    /// <paramref name="holder"/> holds them: a run's id, or null for plain claims.
    /// </summary>
    Task ReleaseClaimsAsync(IReadOnlyList<string> keys, string? holder, CancellationToken cancellationToken);

    /// <summary>Which of these keys are claimed and unexpired now.</summary>
    Task<IReadOnlySet<string>> ClaimedAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken);
}
