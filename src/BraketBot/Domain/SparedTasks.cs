namespace BraketBot.Domain;

/// <summary>
/// Queued tasks in a run's scope that it leaves alone, as people are told of them: those of one
/// reservation (always), of one hybrid job (under Caps:Jobs = Spare), or those whose origin Braket
/// did not tell (<see cref="Arn"/> empty), which are never cancelled as on demand unchecked.
/// </summary>
public sealed record SparedTasks(TaskBilling Billing, string Arn, int Tasks, long Shots)
{
    public bool OriginUnknown => Arn.Length == 0;

    /// <summary>The queued tasks among <paramref name="tasks"/> that a cap or a click must leave alone, grouped by reservation or
    /// job.</summary>
    public static IReadOnlyList<SparedTasks> Among(IEnumerable<QuantumTaskSummary> tasks, JobsMode jobs) =>
        tasks
            .Where(t => t.Status.IsCancellable() && (t.Origin is null || !CapPolicy.Cancellable(t, jobs)))
            .GroupBy(t => (t.Billing, Arn: t.Origin?.ReservationArn ?? t.Origin?.JobArn ?? ""))
            .Select(g => new SparedTasks(g.Key.Billing, g.Key.Arn, g.Count(), g.Sum(t => t.Shots)))
            .OrderBy(s => s.Billing)
            .ThenBy(s => s.Arn, StringComparer.Ordinal)
            .ToList();
}
