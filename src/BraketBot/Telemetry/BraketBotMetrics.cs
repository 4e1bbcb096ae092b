using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace BraketBot.Telemetry;

/// <summary>
/// The BraketBot meter: what an operator asks of a budget guard, with low-cardinality labels only
/// (operations, outcomes, scopes as configured; never a task ARN). Prometheus sees each as
/// <c>braketbot_…</c>.
/// </summary>
public sealed class BraketBotMetrics
{
    public const string MeterName = "BraketBot";

    private readonly Counter<long> events;
    private readonly Counter<long> evaluations;
    private readonly Histogram<double> evaluationSeconds;
    private readonly Counter<long> alerts;
    private readonly Counter<long> cancels;
    private readonly Histogram<double> braketCallSeconds;
    private readonly Histogram<double> quotaWaitSeconds;
    private readonly Counter<long> slackCalls;
    private readonly Counter<long> regionFailures;
    private readonly ConcurrentDictionary<(string Scope, string Metric), (double Used, double Limit, string? Budget)> standings = new();
    private int socketModeConnected = -1;

    public BraketBotMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        events = meter.CreateCounter<long>("braketbot.events", "{event}", "EventBridge events received, by outcome");
        evaluations = meter.CreateCounter<long>("braketbot.evaluations", "{evaluation}", "Cap evaluations, by result");
        evaluationSeconds = meter.CreateHistogram<double>("braketbot.evaluation.duration", "s", "How long a cap evaluation took");
        alerts = meter.CreateCounter<long>("braketbot.alerts", "{alert}", "Alert messages, by outcome (posted, failed)");
        cancels = meter.CreateCounter<long>(
            "braketbot.tasks.cancelled",
            "{task}",
            "Cancel attempts, by trigger (cap, button, command) and result"
        );
        braketCallSeconds = meter.CreateHistogram<double>(
            "braketbot.braket.call.duration",
            "s",
            "Braket API calls, by operation and HTTP status code"
        );
        quotaWaitSeconds = meter.CreateHistogram<double>(
            "braketbot.braket.quota.wait",
            "s",
            "Time spent waiting for a quota token before a Braket call"
        );
        regionFailures = meter.CreateCounter<long>(
            "braketbot.braket.region.failures",
            "{scan}",
            "Scans of a region that failed (the other regions went on), by region and reason (denied, throttled, unreachable)"
        );
        slackCalls = meter.CreateCounter<long>(
            "braketbot.slack.calls",
            "{call}",
            "Slack Web API calls, by method and outcome (ok, an error string, http_429…)"
        );
        meter.CreateObservableGauge<double>(
            "braketbot.cap.used",
            () => standings.Select(s => new Measurement<double>(s.Value.Used, StandingTags(s))),
            description: "Usage counted against each cap in the last evaluation (shots or USD)"
        );
        meter.CreateObservableGauge<double>(
            "braketbot.cap.limit",
            () => standings.Select(s => new Measurement<double>(s.Value.Limit, StandingTags(s))),
            description: "Each cap's limit (shots or USD)"
        );
        meter.CreateObservableGauge<int>(
            "braketbot.socket_mode.connected",
            () => socketModeConnected < 0 ? [] : [new Measurement<int>(socketModeConnected)],
            description: "1 while the Slack Socket Mode connection is open, 0 while it is not (absent in HTTP mode)"
        );
        Meter = meter;
    }

    /// <summary>The meter itself, for instruments observed elsewhere (the job queue's).</summary>
    public Meter Meter { get; }

    public void Event(string outcome) => events.Add(1, Tag("outcome", outcome));

    public void Evaluation(string result, TimeSpan took)
    {
        evaluations.Add(1, Tag("result", result));
        evaluationSeconds.Record(took.TotalSeconds, Tag("result", result));
    }

    /// <param name="budget">The team's budget the cap is of, labelled as such; null for account and device caps.</param>
    public void Standing(string scope, string metric, decimal used, decimal limit, string? budget = null) =>
        standings[(scope, metric)] = ((double)used, (double)limit, budget);

    /// <summary>A cap's labels: its scope and metric, and its budget when it is a team's.</summary>
    private static KeyValuePair<string, object?>[] StandingTags(
        KeyValuePair<(string Scope, string Metric), (double Used, double Limit, string? Budget)> standing
    ) =>
        standing.Value.Budget is { } budget
            ? [Tag("scope", standing.Key.Scope), Tag("metric", standing.Key.Metric), Tag("budget", budget)]
            : [Tag("scope", standing.Key.Scope), Tag("metric", standing.Key.Metric)];

    public void Alert(string outcome) => alerts.Add(1, Tag("outcome", outcome));

    public void Cancel(string trigger, string result) => cancels.Add(1, Tag("trigger", trigger), Tag("result", result));

    public void BraketCall(string operation, int statusCode, TimeSpan took) =>
        braketCallSeconds.Record(took.TotalSeconds, Tag("operation", operation), Tag("status_code", statusCode));

    public void QuotaWait(string operation, TimeSpan waited) => quotaWaitSeconds.Record(waited.TotalSeconds, Tag("operation", operation));

    public void RegionScanFailed(string region, string reason) => regionFailures.Add(1, Tag("region", region), Tag("reason", reason));

    public void SlackCall(string method, string outcome) => slackCalls.Add(1, Tag("method", method), Tag("outcome", outcome));

    public void SocketMode(bool connected) => socketModeConnected = connected ? 1 : 0;

    private static KeyValuePair<string, object?> Tag(string name, object? value) => new(name, value);
}
