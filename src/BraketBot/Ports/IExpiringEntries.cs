namespace BraketBot.Ports;

/// <summary>
/// Named sets of short-lived entries, shared by the instances: each entry is written whole under its own key in one atomic
/// step and is gone once it expires, so writers on several instances never overwrite one another's entries (as they would
/// rewriting one shared value). The Home tab keeps who looks at it, and the runs it shows, this way.
/// </summary>
public interface IExpiringEntries
{
    /// <summary>Writes (or replaces) entry <paramref name="key"/> of <paramref name="setName"/>, kept until <paramref name="expiresAt"/>.
    /// </summary>
    Task PutAsync(string setName, string key, string value, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>The set's entries that have not expired, by key.</summary>
    Task<IReadOnlyDictionary<string, string>> ListAsync(string setName, CancellationToken cancellationToken);
}
