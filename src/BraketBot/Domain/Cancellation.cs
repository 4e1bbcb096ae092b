namespace BraketBot.Domain;

/// <summary>What Braket answered to a cancel request.</summary>
public enum CancellationStatus { Cancelling, Cancelled }

public enum CancelResult { Cancelled, NotCancellable, NotFound, Failed }

/// <summary>What became of one task BraketBot tried to cancel; <see cref="Detail"/> says why, for people.</summary>
public sealed record CancelOutcome(QuantumTaskSummary Task, CancelResult Result, string Detail);

public static class CancelOutcomes
{
    public static IReadOnlyList<CancelOutcome> Cancelled(this IEnumerable<CancelOutcome> outcomes) =>
        outcomes.Where(o => o.Result == CancelResult.Cancelled).ToList();

    public static IReadOnlyList<CancelOutcome> NotCancelled(this IEnumerable<CancelOutcome> outcomes) =>
        outcomes.Where(o => o.Result != CancelResult.Cancelled).ToList();
}
