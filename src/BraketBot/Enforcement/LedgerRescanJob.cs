using BraketBot.Ports;
using BraketBot.Usage;
using Hangfire;
using Microsoft.Extensions.Options;

namespace BraketBot.Enforcement;

/// <summary>
/// Once a day at a quiet hour (Caps:RescanCron), the month to date (from the first of yesterday's month)
/// is scanned again in full, paced to half of each region's search quota, and merged into the ledger: a
/// lost event (a CANCELLED never heard of) or a task only an event told of is put right, so the month's
/// totals converge to Braket's. Once a day however many instances run: a claim per day is taken first.
/// </summary>
public sealed partial class LedgerRescanJob(
    UsageLedger ledger,
    DayScanner scanner,
    IClaimStore store,
    IOptionsMonitor<CapsOptions> capsOptions,
    ILogger<LedgerRescanJob> logger
)
{
    public const string Id = "rescan-ledger";

    /// <summary>The claim of one day's rescan: the instance that takes it scans; the others do nothing.</summary>
    public static string ClaimKey(Day day) => $"ledger-rescan:{day}";

    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [60, 300, 900])]
    public async Task RunAsync(LedgerRescanArgs args, CancellationToken cancellationToken)
    {
        using var priority = BraketPriority.Enter(BraketPriority.Reconcile); // behind enforcement and people in the quota queue
        var today = scanner.Today();
        var claim = ClaimKey(today);
        if (!await store.TryClaimAsync(claim, today.AddDays(2).Window(capsOptions.CurrentValue.Zone).Start, cancellationToken))
        {
            LogDoneElsewhere(today);
            return;
        }
        try
        {
            var from = Month.Of(today.AddDays(-1)).First; // on the 1st, last month's last days are settled once more
            var scan = await ledger.ScanRegionsAsync(from, today, null, null, ScanPace.Background, cancellationToken);
            if (scan.Answered.Count == 0 && scan.Failed.Count > 0)
                throw new BraketException(scan.AllOrNothing().Error!);
            LogRescanned(from, today, scan.Tasks.Count, scan.Failed.Count);
        }
        catch
        {
            await store.ReleaseClaimsAsync([claim], holder: null, CancellationToken.None); // the retry (or another instance) scans
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The ledger's rescan of {Day} was taken by another instance")]
    private partial void LogDoneElsewhere(Day day);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "The ledger rescanned {From}..{To}: {Tasks} tasks; {Failed} regions could not be read and are retried by the reconcile"
    )]
    private partial void LogRescanned(Day from, Day to, int tasks, int failed);
}
