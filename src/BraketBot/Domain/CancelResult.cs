namespace BraketBot.Domain;

/// <summary>
/// <see cref="Failed"/>: Braket refused for good (access denied, a bad request); <see cref="Left"/>: Braket kept failing
/// (throttled, unavailable) until the caller's patience ran out, so the task may still be queued.
/// </summary>
public enum CancelResult
{
    Cancelled,
    NotCancellable,
    NotFound,
    Failed,
    Left,
}
