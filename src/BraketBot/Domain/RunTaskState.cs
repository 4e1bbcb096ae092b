namespace BraketBot.Domain;

/// <summary>Where a task of a run stands. Stored as a number: new states go at the end.</summary>
/// <remarks><see cref="Left"/>: not cancelled by the run's deadline (Braket kept failing, or the run ran out of time); as far as BraketBot
/// knows it is still queued.</remarks>
public enum RunTaskState
{
    Pending,
    Cancelled,
    NotCancellable,
    NotFound,
    Failed,
    Left,

    /// <summary>
    /// Pending, its reservation or hybrid job not yet known: the run checks it just before the cancel. A state of its own
    /// (not a flag beside Pending) so that a release from before it, resuming the run during a rolling upgrade, does not
    /// take it for a task to cancel unchecked.
    /// </summary>
    Unchecked,
}
