namespace BraketBot.Domain;

/// <summary>One device's tasks of a day run under one Braket Direct reservation: how many, their shots, how many still queued.</summary>
public sealed record ReservationUsage(string DeviceArn, string ReservationArn, int Tasks, long Shots, int Queued)
{
    /// <summary>The reserved tasks among <paramref name="tasks"/>, by device and reservation.</summary>
    public static IReadOnlyList<ReservationUsage> Of(IEnumerable<QuantumTaskSummary> tasks) =>
        tasks
            .Where(t => t.IsReserved)
            .GroupBy(t => (t.DeviceArn, Reservation: t.Origin!.ReservationArn!))
            .Select(g => new ReservationUsage(
                g.Key.DeviceArn,
                g.Key.Reservation,
                g.Count(),
                g.Sum(t => t.Shots),
                g.Count(t => t.Status.IsCancellable())
            ))
            .OrderBy(r => r.DeviceArn, StringComparer.Ordinal)
            .ThenBy(r => r.ReservationArn, StringComparer.Ordinal)
            .ToList();
}
