using BraketBot.Charts;
using BraketBot.Enforcement;
using BraketBot.Ports;
using BraketBot.Usage;
using Hangfire;
using Microsoft.Extensions.Options;

namespace BraketBot.Digest;

/// <summary>
/// Yesterday's digest in the alert channel (Caps:DigestCron), and a short one in each budget's own channel (one that is not the
/// alert channel) with that team's figures only; once a day per channel however many instances run: a claim per day and
/// channel is taken before its digest is posted, and released when Slack refuses it, so a retry posts only what is missing.
/// Per device tasks, shots and cost, the caps' standings (the day, and the month through it), each budget's, the alerts raised
/// and the tasks cancelled, all from the ledger; a day the ledger does not hold is scanned into it first. The day's chart goes
/// with the alert channel's (uploaded unshared, shown by an image block), or the digest goes without it when Slack will not take it.
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

    /// <summary>One digest to post: its claim, its channel, and the budgets it tells of (null: the alert channel's, of all).</summary>
    private sealed record Post(string Claim, string Channel, IReadOnlyList<string>? Budgets);

    /// <summary>The claim of a day's digest in a channel; the alert channel's keeps the key of the releases before budgets.</summary>
    public static string Claim(Day day, string? teamChannel) => teamChannel is null ? $"digest:{day}" : $"digest:{day}:{teamChannel}";

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [60, 300, 900])]
    public async Task RunAsync(DigestArgs args, CancellationToken cancellationToken)
    {
        var yesterday = scanner.Today().AddDays(-1);
        var posts = Posts(yesterday, capsOptions.CurrentValue, alertOptions.CurrentValue);
        if (posts.Count == 0)
        {
            LogNowhereToPost(yesterday);
            return;
        }
        var claimed = await store.ClaimedAsync(posts.Select(p => p.Claim).ToList(), cancellationToken);
        var due = posts.Where(p => !claimed.Contains(p.Claim)).ToList();
        if (due.Count == 0)
        {
            LogPostedAlready(yesterday, "every channel");
            return;
        }
        var digest = await ComposeAsync(yesterday, cancellationToken);
        var failed = new List<string>();
        foreach (var post in due)
            if (!await TryPostAsync(yesterday, digest, post, cancellationToken))
                failed.Add(post.Channel);
        if (failed.Count > 0)
            throw new InvalidOperationException(
                $"Slack did not take the digest of {yesterday} in {string.Join(", ", failed)}; the retry posts only those"
            );
    }

    /// <summary>
    /// The alert channel's digest, and one per other channel that budgets alert in (its budgets together); the budgets whose
    /// channel is the alert channel are told in its digest alone.
    /// </summary>
    private static List<Post> Posts(Day day, CapsOptions caps, AlertOptions alerts)
    {
        var posts = new List<Post>();
        if (alerts.CanPost)
            posts.Add(new Post(Claim(day, null), alerts.AlertChannel!, null));
        posts.AddRange(
            caps.Budgets.Where(b => b.Value.AnyCap && BudgetScope.Of(b.Key, b.Value) is not null)
                .Select(b => (Name: b.Key, b.Value.Channel))
                .Where(b => alerts.CanPostTo(b.Channel) && !string.Equals(b.Channel, alerts.AlertChannel, StringComparison.Ordinal))
                .GroupBy(b => b.Channel!, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new Post(Claim(day, g.Key), g.Key, g.Select(b => b.Name).ToList()))
        );
        return posts;
    }

    /// <summary>
    /// Claims the channel's digest and posts it; false when Slack refused it (its claim is released for the retry). Another
    /// instance's claim, or a post Slack did not answer (it may have landed), counts as done: one digest lost beats two.
    /// </summary>
    private async Task<bool> TryPostAsync(Day day, DigestReport digest, Post post, CancellationToken cancellationToken)
    {
        if (!await store.TryClaimAsync(post.Claim, time.GetUtcNow() + KeepDigestClaims, cancellationToken))
        {
            LogPostedAlready(day, post.Channel);
            return true;
        }
        try
        {
            var message = post.Budgets is null
                ? DigestView.Render(digest, await ChartAsync(day, cancellationToken))
                : DigestView.RenderTeams(digest, await TeamsAsync(digest, post.Budgets, cancellationToken));
            var posted = await slack.PostMessageAsync(post.Channel, message, null, null, cancellationToken);
            if (posted.Ok)
                LogPosted(day, post.Channel);
            else if (posted.Unknown)
                LogMaybePosted(day, post.Channel, posted.Error);
            else
                throw new InvalidOperationException(posted.Error);
            return true;
        }
        catch (Exception e)
        {
            await store.ReleaseClaimsAsync([post.Claim], holder: null, CancellationToken.None); // the retry (or the next instance) posts it
            if (cancellationToken.IsCancellationRequested)
                throw;
            LogNotPosted(e, day, post.Channel);
            return false;
        }
    }

    /// <summary>The digest as releases up to a84dbe0 queued it; a job they left behind runs as the current shape.</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [60, 300, 900])]
    public Task RunAsync(CancellationToken cancellationToken) => RunAsync(new DigestArgs(), cancellationToken);

    private async Task<DigestReport> ComposeAsync(Day day, CancellationToken cancellationToken)
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
        var (budgets, rest) = await ledger.BudgetsReadingAsync(day, withMonth: true, knownJobsOnly: false, cancellationToken);
        var standings = CapPolicy.Evaluate(usage, caps, month.Devices, budgets);
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
        var budgetStandings = standings.Where(s => s.Cap.Scope.Budget is not null).ToList();
        return new DigestReport(usage, month, standings.Except(budgetStandings).ToList(), raised, caps.TimeZone)
        {
            Prices = pricing.Describe(month.Devices.Select(d => d.Device)),
            Budgets = BudgetLine.Of(caps, budgets, budgetStandings, alertOptions.CurrentValue.AlertChannel),
            Rest = budgets.Count > 0 ? rest : null,
            Basis = caps.Basis,
        };
    }

    /// <summary>The named budgets' parts of the digest: each one's line, its tasks of the day in every status, its alerts raised.</summary>
    private async Task<IReadOnlyList<TeamDigest>> TeamsAsync(
        DigestReport digest,
        IReadOnlyList<string> budgets,
        CancellationToken cancellationToken
    )
    {
        var teams = new List<TeamDigest>();
        foreach (var line in digest.Budgets.Where(b => budgets.Contains(b.Scope.Name, StringComparer.OrdinalIgnoreCase)))
        {
            var day = await ledger.BudgetDayAsync(line.Scope, digest.Day.Window.Day, cancellationToken);
            teams.Add(new TeamDigest(line, day, digest.Raised.Where(r => Equals(r.Cap.Scope.Budget, line.Scope)).ToList()));
        }
        return teams;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "The digest of {Day} was not posted: Slack:BotToken is unset, or no channel is set")]
    private partial void LogNowhereToPost(Day day);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "The digest of {Day} in {Channel} was posted already (by this or another instance)"
    )]
    private partial void LogPostedAlready(Day day, string channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "The digest of {Day} was posted to {Channel}")]
    private partial void LogPosted(Day day, string channel);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "The digest of {Day} in {Channel} may not have been posted ({Error}); it is not posted again"
    )]
    private partial void LogMaybePosted(Day day, string channel, string? error);

    [LoggerMessage(
        Level = LogLevel.Error,
        Message = "The digest of {Day} was not posted to {Channel}; it is posted again on the job's retry"
    )]
    private partial void LogNotPosted(Exception e, Day day, string channel);
}
