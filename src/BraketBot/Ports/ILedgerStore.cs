namespace BraketBot.Ports;

/// <summary>
/// The usage ledger's rows and totals: a row per task BraketBot heard of (events, scans, its own cancels) and daily
/// totals per device and status that follow the rows, so usage is a sum, not a scan; and the scans that vouch for
/// whole days.
/// </summary>
public interface ILedgerStore
{
    /// <summary>
    /// Merges observations into the task rows by <see cref="Ledger.Merge"/> and moves the daily totals
    /// with them, atomically (with PostgreSQL, one writer at a time across instances). Returns what
    /// changed: nothing for a duplicate or stale news. Tasks of days the ledger no longer keeps
    /// (<see cref="Retention.LedgerTaskDays"/>) are not taken, lest their totals count them twice.
    /// </summary>
    Task<IReadOnlyList<LedgerChange>> RecordAsync(IReadOnlyList<LedgerTask> observed, CancellationToken cancellationToken);

    /// <summary>Drops tasks Braket does not know (told of by an event, never real) and takes them off the totals.</summary>
    Task<IReadOnlyList<LedgerChange>> ForgetAsync(IReadOnlyList<string> arns, CancellationToken cancellationToken);

    /// <summary>The task rows of a day; <paramref name="statuses"/> narrows them (null: every status).</summary>
    Task<IReadOnlyList<LedgerTask>> LedgerTasksAsync(
        Day day,
        IReadOnlyCollection<QuantumTaskStatus>? statuses,
        CancellationToken cancellationToken
    );

    /// <summary>
    /// The task rows of the days <paramref name="first"/> to <paramref name="last"/> that Braket has not
    /// confirmed (known only from events).
    /// </summary>
    Task<IReadOnlyList<LedgerTask>> UnconfirmedTasksAsync(Day first, Day last, CancellationToken cancellationToken);

    /// <summary>The daily totals of the days <paramref name="first"/> to <paramref name="last"/>, per device and status.</summary>
    Task<IReadOnlyList<DayTally>> DayTotalsAsync(Day first, Day last, CancellationToken cancellationToken);

    /// <summary>
    /// Notes that a scan of these days over <paramref name="scope"/> (a device ARN, or
    /// <see cref="Retention.EveryDevice"/>) started at <paramref name="at"/> and is merged: the ledger
    /// holds those days from now on. Drops what is past its retention.
    /// </summary>
    Task MarkScannedAsync(IReadOnlyList<Day> days, string scope, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Of the days <paramref name="first"/> to <paramref name="last"/>, those a merged scan covered for the scope (its own or
    /// every device's), with the latest such scan.</summary>
    Task<IReadOnlyDictionary<Day, DateTimeOffset>> ScannedAsync(Day first, Day last, string scope, CancellationToken cancellationToken);
}
