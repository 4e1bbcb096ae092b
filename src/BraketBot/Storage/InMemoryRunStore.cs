using BraketBot.Ports;

namespace BraketBot.Storage;

/// <summary>
/// The single instance's runs, kept under the claims' lock so that a run and its claims are stored together.
/// They die with the process (runs in progress included); PostgreSQL keeps them.
/// </summary>
public sealed class InMemoryRunStore(InMemoryClaims sharedClaims, TimeProvider time) : IRunStore
{
    private sealed record StoredRun(string Json, string? Owner, DateTimeOffset LeaseUntil, bool Finished, DateTimeOffset UpdatedAt);

    private readonly Dictionary<string, StoredRun> runs = [];

    public bool OutlivesProcess => false;

    public Task<bool> TryCreateRunAsync(
        EnforcementRun run,
        IReadOnlyDictionary<string, DateTimeOffset> claims,
        string owner,
        TimeSpan lease,
        CancellationToken cancellationToken
    )
    {
        lock (sharedClaims.Gate)
        {
            var now = time.GetUtcNow();
            if (claims.Keys.Any(k => sharedClaims.IsClaimed(k, now)) || runs.ContainsKey(run.Id))
                return Task.FromResult(false);
            foreach (var (key, expiresAt) in claims)
                sharedClaims.Claim(key, expiresAt, run.Id);
            runs[run.Id] = new StoredRun(RunJson.Serialize(run), owner, now + lease, run.Finished, now);
            return Task.FromResult(true);
        }
    }

    public Task<EnforcementRun?> TryTakeRunAsync(string runId, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        lock (sharedClaims.Gate)
        {
            var now = time.GetUtcNow();
            if (!runs.TryGetValue(runId, out var stored) || stored.Finished || (stored.LeaseUntil > now && stored.Owner != owner))
                return Task.FromResult<EnforcementRun?>(null);
            runs[runId] = stored with { Owner = owner, LeaseUntil = now + lease };
            return Task.FromResult<EnforcementRun?>(RunJson.Deserialize(stored.Json));
        }
    }

    public Task<bool> SaveRunAsync(EnforcementRun run, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        lock (sharedClaims.Gate)
        {
            var now = time.GetUtcNow();
            if (!runs.TryGetValue(run.Id, out var stored) || stored.Owner != owner)
                return Task.FromResult(false);
            runs[run.Id] = new StoredRun(RunJson.Serialize(run), run.Finished ? null : owner, now + lease, run.Finished, now);
            if (run.Finished)
                PurgeRuns(now);
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<string>> StalledRunsAsync(CancellationToken cancellationToken)
    {
        lock (sharedClaims.Gate)
        {
            var now = time.GetUtcNow();
            return Task.FromResult<IReadOnlyList<string>>(
                runs.Where(r => !r.Value.Finished && r.Value.LeaseUntil <= now).Select(r => r.Key).ToList()
            );
        }
    }

    private void PurgeRuns(DateTimeOffset now)
    {
        foreach (
            var id in runs.Where(r => r.Value.Finished && r.Value.UpdatedAt < now - Retention.FinishedRuns).Select(r => r.Key).ToList()
        )
            runs.Remove(id);
    }
}
