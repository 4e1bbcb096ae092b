using BraketBot.Ports;

namespace BraketBot.Storage;

/// <summary>The single instance's claims; expired ones are dropped as they are met.</summary>
public sealed class InMemoryClaimStore(InMemoryClaims claims, TimeProvider time) : IClaimStore
{
    public Task<bool> TryClaimAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        lock (claims.Gate)
        {
            var now = time.GetUtcNow();
            if (claims.IsClaimed(key, now))
                return Task.FromResult(false);
            claims.Claim(key, expiresAt, null);
            if (claims.Count % 1024 == 0)
                claims.PurgeExpired(now);
            return Task.FromResult(true);
        }
    }

    public Task ReleaseClaimsAsync(IReadOnlyList<string> keys, string? holder, CancellationToken cancellationToken)
    {
        lock (claims.Gate)
            foreach (var key in keys)
                claims.Release(key, holder);
        return Task.CompletedTask;
    }

    public Task<IReadOnlySet<string>> ClaimedAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        lock (claims.Gate)
        {
            var now = time.GetUtcNow();
            return Task.FromResult<IReadOnlySet<string>>(keys.Where(k => claims.IsClaimed(k, now)).ToHashSet());
        }
    }
}
