namespace BraketBot.Enforcement;

/// <summary>
/// A run's end when its host stops and nobody would resume it (in-memory storage): from the stop signal on
/// no cancel starts, the ones in flight get <see cref="CancelsGrace"/> to land, and the rest of
/// <see cref="RunShutdown.Budget"/> goes to recording what is left and telling Slack, before the host's
/// shutdown timeout ends the process.
/// </summary>
public sealed class RunWindDown : IDisposable
{
    private readonly CancellationTokenSource stopping;
    private readonly CancellationTokenSource work = new();
    private readonly CancellationTokenRegistration onStop;

    /// <param name="signals">The host's stop signals: the first to fire starts the wind-down.</param>
    public RunWindDown(TimeSpan budget, params ReadOnlySpan<CancellationToken> signals)
    {
        stopping = CancellationTokenSource.CreateLinkedTokenSource(signals);
        CancelsGrace = budget / 3;
        onStop = stopping.Token.Register(() => work.CancelAfter(budget));
    }

    /// <summary>Fired when the host began to stop: no cancel starts after it.</summary>
    public CancellationToken Stopping => stopping.Token;

    /// <summary>How long the cancels in flight at the stop are given to land; the rest of the budget is the message's.</summary>
    public TimeSpan CancelsGrace { get; }

    /// <summary>The run's work token in place of the host's: fired when the budget is spent.</summary>
    public CancellationToken Token => work.Token;

    public void Dispose()
    {
        onStop.Dispose();
        stopping.Dispose();
        work.Dispose();
    }
}
