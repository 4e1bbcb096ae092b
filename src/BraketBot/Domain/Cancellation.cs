namespace BraketBot.Domain;

/// <summary>What Braket answered to a cancel request.</summary>
public enum CancellationStatus
{
    Cancelling,
    Cancelled,
}

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

/// <summary>What became of one task BraketBot tried to cancel; <see cref="Detail"/> says why, for people.</summary>
public sealed record CancelOutcome(QuantumTaskSummary Task, CancelResult Result, string Detail);
