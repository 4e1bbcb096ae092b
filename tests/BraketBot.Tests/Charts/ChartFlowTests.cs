using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using BraketBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace BraketBot.Tests.Charts;

/// <summary>
/// /braket chart through the real host: the command acknowledged at once, the chart drawn from the
/// day's tasks and put in Slack by the three-step upload, or an answer in words when it cannot be.
/// </summary>
[Collection(ReportsHost.Name)]
public sealed class ChartFlowTests(AppFixture fixture) : IntegrationTests(fixture)
{
    private static readonly DateTimeOffset Morning = new(2022, 4, 10, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The channel SlackRequests' commands come from.</summary>
    private const string CommandChannel = "C2147483705";

    protected override void Arrange()
    {
        Braket.Devices.AddRange(Tasks.AllDevices);
        Settings["Caps:MaxShotsPerDay"] = "5000";
        Braket.Add(
            Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Completed, 1000, Morning),
            Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Queued, 200, Morning.AddHours(2))
        );
    }

    private void BotInCommandChannel(bool member) => Slack.Channels[CommandChannel] = ("lab", member);

    private async Task<JsonElement> ChartAsync(string text, string responseId)
    {
        var ack = await SendCommandAsync(text, responseId);
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.Contains("Working on", await ack.Content.ReadAsStringAsync()); // acknowledged at once, drawn after
        return (await Slack.WaitForResponses(responseId))[0];
    }

    private static IEnumerable<JsonElement> Images(JsonElement message) =>
        message.GetProperty("blocks").EnumerateArray().Where(b => b.GetProperty("type").GetString() == "image");

    private async Task RunDigestAsync()
    {
        using var scope = Bot.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DigestJob>().RunAsync(CancellationToken.None);
    }

    private IReadOnlyList<string> FileCalls() =>
        Slack.Received.Select(r => r.Kind).Where(k => k.StartsWith("files.", StringComparison.Ordinal) || k == "file_upload").ToList();

    [Fact]
    public async Task A_days_chart_is_uploaded_in_three_steps_and_shared_in_the_channel_it_was_asked_in()
    {
        BotInCommandChannel(member: true);

        var reply = await ChartAsync("chart 2022-04-10", "chart-shared");

        Assert.Equal(["files.getUploadURLExternal", "file_upload", "files.completeUploadExternal"], FileCalls());
        var file = Assert.Single(Slack.Files);
        Assert.Equal((CommandChannel, null), (file.Channel, file.ThreadTs));
        Assert.Equal("braket-2022-04-10.png", file.Name);
        Assert.Contains("2022-04-10 (UTC)", file.Title);
        Assert.Contains("daily cap 5,000", file.AltText);
        var asked = Slack.Bodies("files.getUploadURLExternal").Single();
        Assert.Equal(
            file.Content!.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            asked.GetProperty("length").GetString()
        );
        // The URL is the permission: no token to it.
        Assert.DoesNotContain("Authorization", Slack.Received.Single(r => r.Kind == "file_upload").Headers.Keys);
        using (var png = SKBitmap.Decode(file.Content))
            Assert.Equal((1600, 800), (png.Width, png.Height));
        Assert.Equal("ephemeral", reply.GetProperty("response_type").GetString());
        Assert.Contains("posted in this channel", MessageText.Of(reply));
    }

    [Fact]
    public async Task Where_the_bot_is_not_in_the_channel_the_chart_comes_unshared_in_an_image_block_to_the_asker()
    {
        BotInCommandChannel(member: false);

        var reply = await ChartAsync("chart today Ankaa-3", "chart-unshared");

        var file = Assert.Single(Slack.Files);
        Assert.Null(file.Channel);
        // Refused with the channel (not_in_channel), then completed without.
        Assert.Equal(2, Slack.Bodies("files.completeUploadExternal").Count);
        Assert.Equal("ephemeral", reply.GetProperty("response_type").GetString());
        var image = reply.GetProperty("blocks")[0];
        Assert.Equal("image", image.GetProperty("type").GetString());
        Assert.Equal(file.Id, image.GetProperty("slack_file").GetProperty("id").GetString());
        Assert.Contains("Ankaa-3 on 2022-04-10", image.GetProperty("alt_text").GetString());
        Assert.Contains("/invite @BraketBot", MessageText.Of(reply, withFallback: true));
    }

    [Fact]
    public async Task An_upload_that_fails_half_way_is_never_completed_and_the_asker_is_told()
    {
        BotInCommandChannel(member: true);
        Slack.FailUploads(10); // every try of the bytes

        var reply = await ChartAsync("chart", "chart-half-way");

        Assert.DoesNotContain("files.completeUploadExternal", FileCalls());
        Assert.Empty(Slack.Files);
        Assert.Equal("ephemeral", reply.GetProperty("response_type").GetString());
        Assert.Contains("Slack did not take the chart", MessageText.Of(reply));
    }

    [Fact]
    public async Task A_429_on_completing_is_waited_out_and_the_chart_shared_once()
    {
        BotInCommandChannel(member: true);
        Slack.ThrottleCompletions(1);

        var reply = await ChartAsync("chart", "chart-429");

        var file = Assert.Single(Slack.Files);
        Assert.Equal(CommandChannel, file.Channel);
        Assert.Single(Slack.Bodies("files.completeUploadExternal")); // the 429 did nothing; one completion took
        Assert.Contains("posted in this channel", MessageText.Of(reply));
    }

    [Fact]
    public async Task Without_the_files_write_scope_the_asker_is_told_what_to_add()
    {
        Slack.Refuse("files.getUploadURLExternal", "missing_scope");

        var reply = await ChartAsync("chart", "chart-scope");

        Assert.Contains("`files:write`", MessageText.Of(reply));
        Assert.Empty(Slack.Files);
    }

    /// <summary>Team alpha's budget over its tagged task on Aspen-M-1, beside the untagged tasks of <see cref="Arrange"/>.</summary>
    private void AlphaBudget()
    {
        Settings.Set(
            new Dictionary<string, string?>
            {
                ["Budgets:alpha:Tag"] = "team=alpha",
                ["Budgets:alpha:MaxShotsPerDay"] = "10000",
                ["Budgets:alpha:MaxShotsPerMonth"] = "50000",
            }
        );
        Braket.Add(
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Completed, 300, Morning.AddHours(1)) with
            {
                Tags = new Dictionary<string, string> { ["team"] = "alpha" },
            }
        );
    }

    [Fact]
    public async Task A_budgets_day_chart_draws_only_its_tasks_with_its_daily_caps()
    {
        BotInCommandChannel(member: true);
        AlphaBudget();

        await ChartAsync("chart budget alpha 2022-04-10", "chart-alpha");

        var file = Assert.Single(Slack.Files);
        Assert.Equal("braket-2022-04-10-budget-alpha.png", file.Name);
        Assert.Contains("budget alpha (team=alpha) on 2022-04-10 (UTC)", file.Title);
        // 300 shots: alpha's, not the untagged 1,000 on Ankaa-3 nor 200 on Forte-1; its cap, not the account's 5,000.
        Assert.Contains("Shots per hour: 300 shots (caps: budget alpha (team=alpha) daily cap 10,000)", file.AltText);
    }

    [Fact]
    public async Task A_budgets_month_chart_sums_its_days_from_the_ledger_with_its_monthly_caps()
    {
        BotInCommandChannel(member: true);
        AlphaBudget();
        await ReconcileNowAsync();

        await ChartAsync("chart budget ALPHA month", "chart-alpha-month");

        var file = Assert.Single(Slack.Files);
        Assert.Equal("braket-2022-04-budget-alpha.png", file.Name);
        Assert.Contains("Shots per day: 300 shots (caps: budget alpha (team=alpha) monthly cap 50,000)", file.AltText);
    }

    [Fact]
    public async Task A_chart_of_an_unknown_budget_or_of_a_month_the_ledger_no_longer_keeps_tasks_of_is_refused_in_words()
    {
        AlphaBudget();

        var unknown = await ChartAsync("chart budget gamma", "chart-gamma");
        var old = await ChartAsync("chart budget alpha 2022-02", "chart-old");

        Assert.Contains("There is no budget `gamma`. Budgets: `alpha`.", MessageText.Of(unknown));
        Assert.Contains(
            "A budget's month is read from the ledger's tasks, kept 35 days: chart this month, or a day since 2022-03-06.",
            MessageText.Of(old)
        );
        Assert.Empty(FileCalls());
    }

    [Fact]
    public async Task A_day_without_tasks_is_said_in_words_and_nothing_is_uploaded()
    {
        var reply = await ChartAsync("chart 2022-04-01", "chart-empty");

        Assert.Contains("no tasks, so there is nothing to chart", MessageText.Of(reply));
        Assert.Empty(FileCalls());
    }

    [Fact]
    public async Task A_months_chart_shows_the_daily_totals()
    {
        BotInCommandChannel(member: true);
        await ReconcileNowAsync();

        var reply = await ChartAsync("chart month", "chart-month");

        var file = Assert.Single(Slack.Files);
        Assert.Equal("braket-2022-04.png", file.Name);
        Assert.Contains("in 2022-04", file.Title);
        Assert.Contains("posted in this channel", MessageText.Of(reply));
    }

    [Fact]
    public async Task Info_month_carries_its_chart_in_the_report()
    {
        await ReconcileNowAsync();

        var report = await ChartAsync("info month", "month-report");

        Assert.Equal("in_channel", report.GetProperty("response_type").GetString());
        var file = Assert.Single(Slack.Files);
        Assert.Null(file.Channel); // unshared: the report's image block shows it
        var image = report.GetProperty("blocks").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "image");
        Assert.Equal(file.Id, image.GetProperty("slack_file").GetProperty("id").GetString());
    }

    [Fact]
    public async Task The_digest_carries_yesterdays_chart()
    {
        Braket.Add(Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Completed, 300, Morning.AddDays(-1)));

        await RunDigestAsync();

        var digest = Assert.Single(Slack.TopLevel);
        var file = Assert.Single(Slack.Files);
        Assert.Null(file.Channel);
        Assert.Contains("2022-04-09", file.Title);
        var image = digest.Body.GetProperty("blocks").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "image");
        Assert.Equal(file.Id, image.GetProperty("slack_file").GetProperty("id").GetString());
    }

    /// <summary>Aspen-M-1 over its daily cap of 1,000 shots by an event: a breach alert, and its run cancels the queued tasks.</summary>
    private async Task BreachAsync()
    {
        Settings["Braket:Quotas:CancelQuantumTask:Rate"] = "200";
        Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "1000";
        Braket.Add(Tasks.Many(3, Tasks.AspenArn, QuantumTaskStatus.Queued, 400, Morning).ToArray());
        var trigger = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 50, Morning.AddMinutes(5));
        Braket.Add(trigger);

        var response = await Client.SendAsync(Events.Post(Events.TaskStateChange(trigger)));

        Assert.True(response.IsSuccessStatusCode);
    }

    [Fact]
    public async Task A_breach_alert_gets_the_days_chart_in_its_thread_once()
    {
        await BreachAsync();

        var file = await Slack.WaitFor(() => Slack.Files.FirstOrDefault(), what: "the alert's chart");
        var alert = Assert.Single(Slack.TopLevel);
        Assert.Equal(("C0ALERTS", alert.Ts), (file.Channel, file.ThreadTs));
        Assert.Contains("Aspen-M-1 on 2022-04-10", file.Title); // the breached device's chart, with its cap
        Assert.Contains("Aspen-M-1 daily cap 1,000", file.AltText);
        Assert.Equal(ChartView.AlertThreadComment, file.Comment);

        // The same run again, as a host resuming it after a crash would carry it: no second chart.
        var runId = alert.Body.GetProperty("metadata").GetProperty("event_payload").GetProperty("run_id").GetString()!;
        var run = new EnforcementRun
        {
            Id = runId,
            Kind = RunKind.CapAlert,
            Day = new Day(new DateOnly(2022, 4, 10)),
            TimeZone = "UTC",
            CreatedAt = Morning,
            Deadline = Morning.AddHours(1),
            Channel = "C0ALERTS",
            MessageTs = alert.Ts,
            Crossed = [new CapStanding(new Cap(new CapScope("Aspen-M-1"), CapMetric.Shots, 1000), 1250, CapLevel.Breach)],
        };
        using (var scope = Bot.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<RunMessages>().ChartInThreadAsync(run, CancellationToken.None);
        await SettleAsync();
        Assert.Single(Slack.Files);
    }

    [Fact]
    public async Task A_chart_slack_will_not_show_yet_leaves_the_digest_posted_once_without_it()
    {
        Braket.Add(Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Completed, 300, Morning.AddDays(-1)));
        Slack.RefuseFileImages = true;

        await RunDigestAsync(); // throws if the digest was not posted

        var digest = Assert.Single(Slack.TopLevel);
        Assert.Empty(Images(digest.Body));
        Assert.Contains(SlackMessage.ImageLeftOut, MessageText.Of(digest.Body));
        Assert.Single(Slack.Files); // uploaded once; the digest went again without it, not the upload
        await RunDigestAsync(); // its claim stands: no second digest
        Assert.Single(Slack.TopLevel);
    }

    [Fact]
    public async Task A_chart_slack_will_not_show_yet_leaves_info_month_answered_without_it()
    {
        await ReconcileNowAsync();
        Slack.RefuseFileImages = true;

        var report = await ChartAsync("info month", "month-refused");

        Assert.Empty(Images(report));
        Assert.Contains(SlackMessage.ImageLeftOut, MessageText.Of(report));
        Assert.Contains("2022-04", MessageText.Of(report, withFallback: true));
    }

    [Fact]
    public async Task A_chart_slack_will_not_show_yet_is_told_to_the_asker_where_the_bot_cannot_share()
    {
        BotInCommandChannel(member: false);
        Slack.RefuseFileImages = true;

        var reply = await ChartAsync("chart", "chart-refused");

        Assert.Empty(Images(reply));
        Assert.Contains(SlackMessage.ImageLeftOut, MessageText.Of(reply));
        Assert.Contains("/invite @BraketBot", MessageText.Of(reply));
    }

    [Fact]
    public async Task An_upload_url_that_is_not_a_string_fails_the_chart_with_a_clear_answer()
    {
        BotInCommandChannel(member: true);
        Slack.UploadUrlAnswer = _ => JsonValue.Create(42);

        var reply = await ChartAsync("chart", "chart-numeric-url");

        Assert.Contains("`invalid_upload_url`", MessageText.Of(reply));
        Assert.Equal(["files.getUploadURLExternal"], FileCalls());
    }

    [Theory]
    [InlineData("another host")]
    [InlineData("plain http to Slack's file host")]
    public async Task An_upload_url_away_from_slacks_file_host_gets_no_bytes(string where)
    {
        BotInCommandChannel(member: true);
        Slack.UploadUrlAnswer = own =>
            JsonValue.Create(
                where == "another host"
                    ? new UriBuilder(own) { Host = own.Host == "localhost" ? "127.0.0.1" : "localhost" }.Uri.ToString()
                    : $"http://{BraketBot.Slack.SlackApiClient.SlackFileHost}{own.AbsolutePath}"
            );

        var reply = await ChartAsync("chart", "chart-elsewhere");

        Assert.Contains("`invalid_upload_url`", MessageText.Of(reply));
        Assert.Equal(0, Slack.Attempts("/upload/")); // the fake's upload path, at either host: not asked
        Assert.Equal(["files.getUploadURLExternal"], FileCalls());
    }

    [Fact]
    public async Task A_redirect_from_the_upload_url_is_not_followed()
    {
        BotInCommandChannel(member: true);
        Slack.RedirectUploads = true; // followed, it would reach the fake's unknown path, and the test would fail on it

        var reply = await ChartAsync("chart", "chart-redirect");

        Assert.Contains("`upload_failed: http_307`", MessageText.Of(reply));
        Assert.Equal(0, Slack.Attempts("/elsewhere/"));
        Assert.DoesNotContain("files.completeUploadExternal", FileCalls());
    }

    [Fact]
    public async Task A_sharing_slack_does_not_confirm_is_not_repeated_and_the_asker_is_told_to_look_first()
    {
        BotInCommandChannel(member: true);
        Slack.LoseAnswersOfCompletions(1);

        var reply = await ChartAsync("chart", "chart-unconfirmed");

        Assert.Equal(1, Slack.Attempts("/api/files.completeUploadExternal"));
        Assert.Equal(CommandChannel, Assert.Single(Slack.Files).Channel); // it was shared: asking again would share it twice
        Assert.Contains("Slack did not confirm the chart was shared. Look in the channel before you ask again", MessageText.Of(reply));
        Assert.DoesNotContain("Try again", MessageText.Of(reply));
    }

    [Fact]
    public async Task In_a_direct_message_the_unshared_chart_does_not_suggest_an_invite()
    {
        var fields = SlackRequests.CommandFields("chart", Slack.ResponseUrl("chart-dm"));
        fields["channel_id"] = "D0DIRECT"; // a DM the bot is not part of: completing there answers channel_not_found
        var body = await new FormUrlEncodedContent(fields).ReadAsStringAsync();

        var ack = await Client.SendAsync(SlackRequests.Signed("/slack/commands", body, Clock.GetUtcNow()));

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var reply = (await Slack.WaitForResponses("chart-dm"))[0];
        Assert.Single(Images(reply));
        Assert.Contains(ChartView.NotInConversation, MessageText.Of(reply));
        Assert.DoesNotContain("/invite", MessageText.Of(reply, withFallback: true));
    }

    [Fact]
    public async Task A_chart_slower_than_its_budget_is_left_out_and_info_month_answers_without_it()
    {
        await ReconcileNowAsync();
        // The budget covers drawing the chart even on a busy machine; only the upload grant overruns it.
        Settings["Charts:Timeout"] = "00:00:02";
        Slack.UploadUrlLatency = TimeSpan.FromSeconds(6);

        var report = await ChartAsync("info month", "month-slow");

        Assert.Empty(Images(report));
        Assert.Contains("2022-04", MessageText.Of(report, withFallback: true));
        // The slow grant ends on the fake's side after the answer; nothing follows it.
        await Slack.WaitFor(
            () => Slack.Bodies("files.getUploadURLExternal").FirstOrDefault() is { ValueKind: JsonValueKind.Object } b ? (object)b : null,
            what: "the slow grant"
        );
        await SettleAsync();
        Assert.Equal(["files.getUploadURLExternal"], FileCalls());
    }

    [Fact]
    public async Task A_day_whose_tasks_all_ended_cancelled_is_not_called_a_day_without_tasks()
    {
        Braket.Add(Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Cancelled, 1000, Morning.AddDays(-2)));

        var reply = await ChartAsync("chart 2022-04-08", "chart-cancelled");

        Assert.Contains("1 task, none of them counted against the caps", MessageText.Of(reply));
        Assert.Empty(FileCalls());
    }

    [Fact]
    public async Task A_chart_the_alert_thread_cannot_take_is_not_uploaded_unshared_as_an_orphan()
    {
        Slack.Refuse("files.completeUploadExternal", "not_in_channel");

        await BreachAsync();

        await Slack.WaitFor(
            () =>
                Slack.TopLevel.FirstOrDefault(m =>
                    MessageText.Of(m.Body, withFallback: true).Contains("Cancelled", StringComparison.Ordinal)
                ),
            what: "the alert's outcome"
        );
        await SettleAsync();
        Assert.Equal(1, Slack.Attempts("/api/files.completeUploadExternal")); // shared in the thread, refused; never completed unshared
        Assert.Empty(Slack.Files);
    }
}
