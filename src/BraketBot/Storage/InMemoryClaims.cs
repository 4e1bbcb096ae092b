namespace BraketBot.Storage;

/// <summary>
/// The single instance's claims and the lock they are kept under, shared by <see cref="InMemoryClaimStore"/> and
/// <see cref="InMemoryRunStore"/>: a run is stored together with its claims, all or nothing, under this one lock.
/// Every member is called with <see cref="Gate"/> held.
/// </summary>
public sealed class InMemoryClaims
{
    private readonly Dictionary<string, (DateTimeOffset ExpiresAt, string? Holder)> claims = [];

    public Lock Gate { get; } = new();

    public int Count => claims.Count;

    public bool IsClaimed(string key, DateTimeOffset now) => claims.TryGetValue(key, out var claim) && claim.ExpiresAt > now;

    /// <param name="holder">The run that holds the claim, or null for a plain claim.</param>
    public void Claim(string key, DateTimeOffset expiresAt, string? holder) => claims[key] = (expiresAt, holder);

    public void Release(string key, string? holder)
    {
        if (claims.TryGetValue(key, out var claim) && claim.Holder == holder)
            claims.Remove(key);
    }

    public void PurgeExpired(DateTimeOffset now)
    {
        foreach (var key in claims.Where(c => c.Value.ExpiresAt <= now).Select(c => c.Key).ToList())
            claims.Remove(key);
    }
}
