namespace BraketBot.Usage;

/// <summary>A day's usage, and how fresh the ledger's word on it is (null: scanned just now, then with the tasks the scan saw).</summary>
public sealed record DayReading(DayUsage Usage, LedgerFreshness? Freshness, IReadOnlyList<QuantumTaskSummary>? Scanned = null);
