namespace BraketBot.Domain;

/// <summary>
/// A task as the usage ledger holds it: what Braket (or an event) said of it, the day it counts on
/// (in Caps:TimeZone when it was first recorded) and when that was said.
/// </summary>
/// <param name="At">The event's time, or the start of the scan that saw it.</param>
public sealed record LedgerTask(QuantumTaskSummary Task, Day Day, DateTimeOffset At)
{
    /// <summary>Braket itself listed or described the task (a scan, GetQuantumTask); an event alone is only a claim.</summary>
    public bool Confirmed { get; init; }
}
