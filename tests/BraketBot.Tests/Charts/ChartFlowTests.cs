using System.Net;
using System.Text.Json;
using BraketBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace BraketBot.Tests.Charts;

/// <summary>
/// /braket chart through the real host: the command acknowledged at once, the chart drawn from the
/// day's tasks and put in Slack by the three-step upload, or an answer in words when it cannot be.
/// </summary>
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
            Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Queued, 200, Morning.AddHours(2)));
    }

    private void BotInCommandChannel(bool member) => Slack.Channels[CommandChannel] = ("lab", member);

    private async Task<JsonElement> ChartAsync(string text, string responseId)
    {
        var ack = await SendCommandAsync(text, responseId);
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.Contains("Working on", await ack.Content.ReadAsStringAsync()); // acknowledged at once, drawn after
        return (await Slack.WaitForResponses(responseId))[0];
    }

    /// <summary>The reconcile, run here and now: the ledger holds the month's days, as the month's reports read them.</summary>
    private async Task FillTheLedgerAsync()
    {
        using (var scope = Bot.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<CapEnforcer>().EvaluateAsync(
                new EvaluationRequest(null, Day.Of(Clock.GetUtcNow(), TimeZoneInfo.Utc), "the test's reconcile", Reconcile: true), CancellationToken.None);
        await SettleAsync();
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
        Assert.Equal(file.Content!.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), asked.GetProperty("length").GetString());
        Assert.DoesNotContain("Authorization", Slack.Received.Single(r => r.Kind == "file_upload").Headers.Keys); // the URL is the permission: no token to it
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
        Assert.Equal(2, Slack.Bodies("files.completeUploadExternal").Count); // refused with the channel (not_in_channel), then completed without
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
        await FillTheLedgerAsync();

        var reply = await ChartAsync("chart month", "chart-month");

        var file = Assert.Single(Slack.Files);
        Assert.Equal("braket-2022-04.png", file.Name);
        Assert.Contains("in 2022-04", file.Title);
        Assert.Contains("posted in this channel", MessageText.Of(reply));
    }

    [Fact]
    public async Task Info_month_carries_its_chart_in_the_report()
    {
        await FillTheLedgerAsync();

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

        using (var scope = Bot.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<DigestJob>().RunAsync(CancellationToken.None);

        var digest = Assert.Single(Slack.TopLevel);
        var file = Assert.Single(Slack.Files);
        Assert.Null(file.Channel);
        Assert.Contains("2022-04-09", file.Title);
        var image = digest.Body.GetProperty("blocks").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "image");
        Assert.Equal(file.Id, image.GetProperty("slack_file").GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_breach_alert_gets_the_days_chart_in_its_thread_once()
    {
        Settings["Braket:Quotas:CancelQuantumTask:Rate"] = "200";
        Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "1000";
        Braket.Add(Tasks.Many(3, Tasks.AspenArn, QuantumTaskStatus.Queued, 400, Morning).ToArray());
        var trigger = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 50, Morning.AddMinutes(5));
        Braket.Add(trigger);

        var response = await Client.SendAsync(Events.Post(Events.TaskStateChange(trigger)));

        Assert.True(response.IsSuccessStatusCode);
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
}
