namespace BraketBot.Domain;

/// <summary>What became of one task BraketBot tried to cancel; <see cref="Detail"/> says why, for people.</summary>
public sealed record CancelOutcome(QuantumTaskSummary Task, CancelResult Result, string Detail);
