using System.Collections.Concurrent;

namespace BraketBot.Home;

/// <summary>
/// One publish at a time per user in this process, each drawn once its turn comes: of two publishes that
/// race (a click's answer and a run's end), the one Slack takes last was read last, so a tab never goes
/// back to an older state.
/// </summary>
public sealed class HomeTabTurns
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> turns = new(StringComparer.Ordinal);

    public async Task<T> TakeAsync<T>(string userId, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        var turn = turns.GetOrAdd(userId, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            turn.Release();
        }
    }
}
