namespace BraketBot.Home;

/// <summary>
/// One publish at a time per user in this process, each drawn once its turn comes: of two publishes that
/// race (a click's answer and a run's end), the one Slack takes last was read last, so a tab never goes
/// back to an older state. A user's turn is dropped once no publish holds or awaits it, so they do not pile up.
/// </summary>
public sealed class HomeTabTurns
{
    private sealed class Turn
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public int Takers { get; set; }
    }

    private readonly Lock gate = new();
    private readonly Dictionary<string, Turn> turns = new(StringComparer.Ordinal);

    /// <summary>Users whose turn a publish holds or awaits now.</summary>
    public int Users
    {
        get
        {
            lock (gate)
                return turns.Count;
        }
    }

    public async Task<T> TakeAsync<T>(string userId, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        Turn turn;
        lock (gate)
        {
            if (!turns.TryGetValue(userId, out turn!))
                turns[userId] = turn = new Turn();
            turn.Takers++;
        }
        try
        {
            await turn.Gate.WaitAsync(cancellationToken);
            try
            {
                return await work();
            }
            finally
            {
                turn.Gate.Release();
            }
        }
        finally
        {
            lock (gate)
            {
                if (--turn.Takers == 0)
                {
                    turns.Remove(userId);
                    turn.Gate.Dispose();
                }
            }
        }
    }
}
