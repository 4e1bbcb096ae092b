namespace BraketBot.Ports;

/// <summary>How long the store keeps what it keeps, the same for every provider.</summary>
public static class Retention
{
    /// <summary>
    /// Task rows are kept while news of them may still come (a task can wait in a queue for days) and
    /// at least through the month they count in; older tasks are no longer recorded.
    /// </summary>
    public const int LedgerTaskDays = 35;

    /// <summary>Daily totals (and the scans that vouch for them) are kept 13 months and more, so a month a year back is a sum.</summary>
    public const int LedgerTotalDays = 410;

    /// <summary>The scope of a scan over every device of every watched region.</summary>
    public const string EveryDevice = "all";

    /// <summary>The first day whose tasks the ledger still records (days in UTC: a day either way is no matter at this distance).</summary>
    public static Day OldestTaskDay(DateTimeOffset now) => Day.Of(now, TimeZoneInfo.Utc).AddDays(-LedgerTaskDays);

    public static Day OldestTotalDay(DateTimeOffset now) => Day.Of(now, TimeZoneInfo.Utc).AddDays(-LedgerTotalDays);

    /// <summary>Finished runs stay this long, for the follow-ups and people who look.</summary>
    public static readonly TimeSpan FinishedRuns = TimeSpan.FromDays(3);
}
