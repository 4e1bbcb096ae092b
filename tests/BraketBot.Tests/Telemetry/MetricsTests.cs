using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using BraketBot.Tests.Support;

namespace BraketBot.Tests.Telemetry;

/// <summary>
/// Meters are seen process-wide by name: another host's BraketBot meter, alive in a test running
/// beside these, would blur the numbers. So this collection runs alone, on a host of its own.
/// </summary>
[CollectionDefinition(nameof(MetricsTests), DisableParallelization = true)]
public sealed class MetricsCollection : ICollectionFixture<AppFixture>;

/// <summary>/metrics read after real flows: the numbers, not just the names.</summary>
[Collection(nameof(MetricsTests))]
public sealed partial class MetricsTests(AppFixture fixture) : IntegrationTests(fixture)
{
    private static readonly DateTimeOffset Morning = new(2022, 4, 10, 9, 0, 0, TimeSpan.Zero);

    protected override void Arrange()
    {
        Braket.Devices.AddRange(Tasks.AllDevices);
        Settings["Braket:Quotas:CancelQuantumTask:Rate"] = "200";
        Settings["Slack:Admins:0"] = "U2147483697";
    }

    /// <summary>One series' value in the Prometheus text: the sample whose labels include all of these, or 0 when there is none
    /// yet.</summary>
    private async Task<double> Metric(string name, params string[] labels)
    {
        var text = await Client.GetStringAsync("/metrics");
        return text.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
            .Where(line => labels.All(label => line.Contains(label, StringComparison.Ordinal)))
            .Select(line => double.Parse(Sample().Match(line).Groups["value"].Value, CultureInfo.InvariantCulture))
            .DefaultIfEmpty(0)
            .Sum();
    }

    [GeneratedRegex(@"\}?\s(?<value>[-+0-9.eE]+|NaN)(\s\d+)?$")]
    private static partial Regex Sample();

    [Fact]
    public async Task Metrics_are_served_in_prometheus_text_on_the_main_port()
    {
        var response = await Client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE braketbot_jobs_enqueued gauge", text);
        Assert.Contains("# TYPE braketbot_jobs_failed gauge", text);
        Assert.Equal(0, await Metric("braketbot_jobs_failed"));
    }

    [Fact]
    public async Task A_breach_counts_its_event_evaluation_alert_cancels_and_cap_standing()
    {
        Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "100";
        var queued = Tasks.Many(4, Tasks.AspenArn, QuantumTaskStatus.Queued, 100, Morning).ToArray();
        Braket.Add(queued);
        var before = (
            Events: await Metric("braketbot_events_total", "outcome=\"evaluating\""),
            Evaluations: await Metric("braketbot_evaluations_total", "result=\"done\""),
            Alerts: await Metric("braketbot_alerts_total", "outcome=\"posted\""),
            Cancelled: await Metric("braketbot_tasks_cancelled_total", "trigger=\"cap\"", "result=\"cancelled\""),
            Calls: await Metric("braketbot_braket_call_duration_seconds_count", "operation=\"CancelQuantumTask\"", "status_code=\"200\""),
            Posts: await Metric("braketbot_slack_calls_total", "method=\"chat.postMessage\"", "outcome=\"ok\"")
        );

        await Client.SendAsync(Events.Post(Events.TaskStateChange(queued[0])));
        await Slack.WaitFor(() => Slack.TopLevel.Any(m => m.Body.ToString().Contains("Cancelled 4 queued tasks")) ? "done" : null);
        await SettleAsync();

        Assert.Equal(before.Events + 1, await Metric("braketbot_events_total", "outcome=\"evaluating\""));
        Assert.Equal(before.Evaluations + 1, await Metric("braketbot_evaluations_total", "result=\"done\""));
        Assert.Equal(before.Alerts + 1, await Metric("braketbot_alerts_total", "outcome=\"posted\""));
        Assert.Equal(before.Cancelled + 4, await Metric("braketbot_tasks_cancelled_total", "trigger=\"cap\"", "result=\"cancelled\""));
        Assert.Equal(
            before.Calls + 4,
            await Metric("braketbot_braket_call_duration_seconds_count", "operation=\"CancelQuantumTask\"", "status_code=\"200\"")
        );
        Assert.Equal(before.Posts + 1, await Metric("braketbot_slack_calls_total", "method=\"chat.postMessage\"", "outcome=\"ok\""));
        Assert.Equal(400, await Metric("braketbot_cap_used", "scope=\"device:aspen-m-1\"", "metric=\"shots\""));
        Assert.Equal(100, await Metric("braketbot_cap_limit", "scope=\"device:aspen-m-1\"", "metric=\"shots\""));
    }

    [Fact]
    public async Task A_budgets_usage_and_cap_are_gauges_labelled_by_the_budget()
    {
        Settings.Set(new Dictionary<string, string?> { ["Budgets:alpha:Tag"] = "team=alpha", ["Budgets:alpha:MaxShotsPerDay"] = "5000" });
        var tags = new Dictionary<string, string> { ["team"] = "alpha" };
        var alpha = Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 700, Morning) with { Tags = tags };
        var untagged = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 300, Morning);
        Braket.Add(alpha, untagged, Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Queued, 20, Morning) with { Tags = tags });

        await Client.SendAsync(Events.Post(Events.TaskStateChange(alpha)));
        await SettleAsync();

        Assert.Equal(720, await Metric("braketbot_cap_used", "scope=\"budget:ALPHA\"", "budget=\"alpha\"", "metric=\"shots\""));
        Assert.Equal(5000, await Metric("braketbot_cap_limit", "scope=\"budget:ALPHA\"", "budget=\"alpha\"", "metric=\"shots\""));
    }

    [Fact]
    public async Task A_click_counts_its_cancels_as_the_buttons()
    {
        Braket.Add([.. Tasks.Many(3, Tasks.AnkaaArn, QuantumTaskStatus.Queued, 10, Morning)]);
        var before = await Metric("braketbot_tasks_cancelled_total", "trigger=\"button\"", "result=\"cancelled\"");

        await ClickAsync(CancelAllQueuedAction.Id, ButtonValues.Of(CancelScope.Device(Day.Parse("2022-04-10"), Tasks.Ankaa)), "m1");
        await Slack.WaitFor(() => Slack.Responses("m1").Any(r => MessageText.Of(r).Contains("cancelled 3 of 3")) ? "done" : null);
        await SettleAsync();

        Assert.Equal(before + 3, await Metric("braketbot_tasks_cancelled_total", "trigger=\"button\"", "result=\"cancelled\""));
    }

    [Fact]
    public async Task A_throttled_braket_call_shows_as_its_429_and_a_refused_slack_attempt_as_its_status()
    {
        Braket.Add(Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 10, Morning));
        Braket.Fail(BraketOperations.SearchQuantumTasks, HttpStatusCode.TooManyRequests);
        var before = (
            Throttled: await Metric(
                "braketbot_braket_call_duration_seconds_count",
                "operation=\"SearchQuantumTasks\"",
                "status_code=\"429\""
            ),
            Waited: await Metric("braketbot_braket_quota_wait_seconds_count", "operation=\"SearchQuantumTasks\"")
        );

        await SendCommandAsync("info 2022-04-10 Ankaa-3", "t1");
        await Slack.WaitForResponses("t1");
        await SettleAsync();

        Assert.Equal(
            before.Throttled + 1,
            await Metric("braketbot_braket_call_duration_seconds_count", "operation=\"SearchQuantumTasks\"", "status_code=\"429\"")
        );
        Assert.True(await Metric("braketbot_braket_quota_wait_seconds_count", "operation=\"SearchQuantumTasks\"") > before.Waited);
    }

    [Fact]
    public async Task With_a_metrics_port_metrics_are_served_there_and_not_on_the_main_port()
    {
        var port = FreePort();
        using var bot = await BotProcess.StartAsync(
            TestSettings.ForProcess(
                Braket.Url,
                Slack.ApiBase,
                new Dictionary<string, string>
                {
                    ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
                    ["Metrics:Port"] = port.ToString(CultureInfo.InvariantCulture),
                }
            )
        );
        using var client = new HttpClient();

        var health = await client.GetAsync(new Uri(bot.Address, "/healthz"));
        var onTheMainPort = await client.GetAsync(new Uri(bot.Address, "/metrics"));
        var onItsPort = await client.GetAsync($"http://127.0.0.1:{port}/metrics");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, onTheMainPort.StatusCode);
        Assert.Equal(HttpStatusCode.OK, onItsPort.StatusCode);
        Assert.Contains("http_server_request_duration_seconds_count{", await onItsPort.Content.ReadAsStringAsync());
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
