using BraketBot.Hosting;

namespace BraketBot.Storage;

/// <summary>
/// Walks a breach's storage at start on made-up data, so that the first breach does not pay for the serializer's set-up nor, on
/// the in-memory ledger, for compiling its collections keyed by the app's own types (days, and tuples of them).
/// </summary>
public sealed class StorageWarmUp(TimeProvider time, ILogger<StorageWarmUp> logger) : StartupWarmUp(logger)
{
    protected override async Task RunAsync()
    {
        RunJson.Deserialize(
            RunJson.Serialize(
                new EnforcementRun
                {
                    Id = "warm-up",
                    Kind = RunKind.CapAlert,
                    Day = new Day(new DateOnly(2022, 4, 10)),
                    TimeZone = "UTC",
                    CreatedAt = DateTimeOffset.UnixEpoch,
                    Deadline = DateTimeOffset.UnixEpoch,
                    Tasks = [new RunTask("arn", "device", "name", 1, 0.3m)],
                    // A crossed cap too: its records are read through their constructors, the slowest to set up.
                    Crossed = [new CapStanding(new Cap(CapScope.Account, CapMetric.Shots, 1), 2, CapLevel.Breach)],
                }
            )
        );
        await WalkLedgerAsync(new InMemoryLedgerStore(time), Day.Of(time.GetUtcNow(), TimeZoneInfo.Utc));
    }

    /// <summary>
    /// A breach's calls on a ledger of its own, then dropped; today, since the ledger keeps no day older than its retention.
    /// </summary>
    /// <returns>The changes the made-up task made, recorded and then forgotten: one each when the walk went all the way.</returns>
    internal static async Task<(int Recorded, int Forgotten)> WalkLedgerAsync(InMemoryLedgerStore ledger, Day today)
    {
        var task = new QuantumTaskSummary("warm-up", QuantumTaskStatus.Queued, "device", 1, today.Window(TimeZoneInfo.Utc).Start);
        var at = task.CreatedAt;
        await ledger.ScannedAsync(today, today, "warm-up", CancellationToken.None);
        var recorded = await ledger.RecordAsync([new LedgerTask(task, today, at) { Confirmed = true }], CancellationToken.None);
        await ledger.MarkScannedAsync([today], "warm-up", at, CancellationToken.None);
        await ledger.DayTotalsAsync(today, today, CancellationToken.None);
        await ledger.UnconfirmedTasksAsync(today, today, CancellationToken.None);
        await ledger.LedgerTasksAsync(today, [QuantumTaskStatus.Queued], CancellationToken.None);
        var forgotten = await ledger.ForgetAsync([task.QuantumTaskArn], CancellationToken.None);
        return (recorded.Count, forgotten.Count);
    }
}
