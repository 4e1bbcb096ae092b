namespace BraketBot.Domain;

/// <summary>What Braket answered to a cancel request.</summary>
public enum CancellationStatus { Cancelling, Cancelled }

public enum CancelResult { Cancelled, NotCancellable, NotFound, Failed }

/// <summary>What became of one task BraketBot tried to cancel; <see cref="Detail"/> says why, for people.</summary>
public sealed record CancelOutcome(QuantumTaskSummary Task, CancelResult Result, string Detail);
