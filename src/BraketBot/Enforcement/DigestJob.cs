using BraketBot.Ports;
using BraketBot.Reports;
using BraketBot.Usage;
using Hangfire;
using Microsoft.Extensions.Options;

namespace BraketBot.Enforcement;

/// <summary>
/// Yesterday's digest in the alert channel (Caps:DigestCron), once a day however many instances run:
/// a claim per day is taken before it is posted. Per device tasks, shots and cost, the caps' standings
/// (the day, and the month through it), the alerts raised and the tasks cancelled, all from the ledger;
/// a day the ledger does not hold is scanned into it first. The day's chart goes with it (uploaded
/// unshared, shown by an image block), or the digest goes without it when Slack will not take it.
/// </summary>
public sealed partial class DigestJob(
    UsageLedger ledger,
    DayScanner scanner,
    IClaimStore store,
    ISlackApi slack,
    ChartPublisher charts,
    Pricing pricing,
    IOptionsMonitor<CapsOptions> capsOptions,
    IOptionsMonitor<AlertOptions> alertOptions,
    TimeProvider time,
    ILogger<DigestJob> logger
)
{
    public const string Id = "daily-digest";

    /// <summary>Longer than any retry of the same day's digest.</summary>
    private static readonly TimeSpan KeepDigestClaims = TimeSpan.FromDays(3);

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [60, 300, 900])]
    public async Task RunAsync(DigestArgs args, CancellationToken cancellationToken)
    {
        var alerts = alertOptions.CurrentValue;
        var yesterday = scanner.Today().AddDays(-1);
        if (!alerts.CanPost)
        {
            LogNowhereToPost(yesterday);
            return;
        }
        var claim = $"digest:{yesterday}";
        if (!await store.TryClaimAsync(claim, time.GetUtcNow() + KeepDigestClaims, cancellationToken))
        {
            LogPostedAlready(yesterday);
            return;
        }
        try
        {
            var digest = await ComposeAsync(yesterday, cancellationToken);
            var message = DigestView.Render(digest, await ChartAsync(yesterday, cancellationToken));
            var posted = await slack.PostMessageAsync(alerts.AlertChannel!, message, null, null, cancellationToken);
            if (posted.Ok)
                LogPosted(yesterday, alerts.AlertChannel!);
            // No answer: it may have landed, and one digest lost is better than two; the claim stays.
            else if (posted.Unknown)
                LogMaybePosted(yesterday, posted.Error);
            else
                throw new InvalidOperationException($"Slack did not take the digest of {yesterday}: {posted.Error}");
        }
        catch
        {
            await store.ReleaseClaimsAsync([claim], holder: null, CancellationToken.None); // the retry (or the next instance) posts it
            throw;
        }
    }

    /// <summary>The digest as releases up to a84dbe0 queued it; a job they left behind runs as the current shape.</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [60, 300, 900])]
    public Task RunAsync(CancellationToken cancellationToken) => RunAsync(new DigestArgs(), cancellationToken);

    private async Task<Digest> ComposeAsync(Day day, CancellationToken cancellationToken)
    {
        if (await ledger.FreshnessAsync(day, null, cancellationToken) is null)
        {
            var scanned = await ledger.ScanAsync(day, day, null, cancellationToken);
            if (!scanned.IsSuccess)
                throw new BraketException(scanned.Error!);
        }
        var caps = capsOptions.CurrentValue;
        var usage = await ledger.DayUsageAsync(day, null, cancellationToken);
        var month = await ledger.MonthUsageAsync(Month.Of(day), day, cancellationToken);
        var standings = CapPolicy.Evaluate(usage, caps, month.Devices);
        // Which alerts were raised: their claims say (a breach claims its warning too, so it is told as the breach).
        var keys = standings
            .SelectMany(s =>
                new[] { CapLevel.Breach, CapLevel.Warning }.Select(level =>
                    (Standing: s, Level: level, Key: CapEnforcer.AlertKey(day, s.Cap, level))
                )
            )
            .ToList();
        var claimed = await store.ClaimedAsync(keys.Select(k => k.Key).ToList(), cancellationToken);
        var raised = keys.Where(k => claimed.Contains(k.Key))
            .GroupBy(k => k.Standing)
            .Select(g => new RaisedAlert(g.Key.Cap, g.Max(k => k.Level)))
            .ToList();
        return new Digest(usage, month, standings, raised, caps.TimeZone)
        {
            Prices = pricing.Describe(month.Devices.Select(d => d.Device)),
        };
    }

    /// <summary>The day's chart for the digest's image block; null when there is none, and the digest goes without it.</summary>
    private async Task<ChartImage?> ChartAsync(Day day, CancellationToken cancellationToken)
    {
        try
        {
            var chart = await charts.DayChartAsync(day, null, cancellationToken);
            return chart.IsSuccess
                ? ChartView.Image(chart.Value!, await charts.UploadForMessageAsync(chart.Value!, cancellationToken))
                : null;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogChartFailed(e, day);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The chart of {Day} failed; the digest goes without it")]
    private partial void LogChartFailed(Exception e, Day day);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The digest of {Day} was not posted: Slack:BotToken or Slack:AlertChannel is unset")]
    private partial void LogNowhereToPost(Day day);

    [LoggerMessage(Level = LogLevel.Information, Message = "The digest of {Day} was posted already (by this or another instance)")]
    private partial void LogPostedAlready(Day day);

    [LoggerMessage(Level = LogLevel.Information, Message = "The digest of {Day} was posted to {Channel}")]
    private partial void LogPosted(Day day, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The digest of {Day} may not have been posted ({Error}); it is not posted again")]
    private partial void LogMaybePosted(Day day, string? error);
}
