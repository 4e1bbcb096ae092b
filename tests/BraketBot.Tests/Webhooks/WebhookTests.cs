using System.Net;
using System.Text.Json;
using BraketBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BraketBot.Tests.Webhooks;

[Collection(EnforcementHost.Name)]
public sealed class WebhookTests(AppFixture fixture) : IntegrationTests(fixture)
{
    private static readonly DateTimeOffset Day = new(2022, 4, 10, 0, 0, 0, TimeSpan.Zero);

    protected override void Arrange()
    {
        Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "1000000";
    }

    private static QuantumTaskSummary Created() => Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 50, Day.AddHours(9));

    [Theory]
    [InlineData(null, "x-api-key")]
    [InlineData("wrong-key", "x-api-key")]
    [InlineData("test-api-key", "x-other-header")]
    [InlineData("", "x-api-key")]
    public async Task Without_its_key_the_webhook_answers_401_and_does_nothing(string? key, string header)
    {
        var response = await Client.SendAsync(Events.Post(Events.TaskStateChange(Created()), key, header));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await SettleAsync();
        Assert.Empty(Braket.Requests);
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("[1,2]", "not an EventBridge event object")]
    [InlineData("{\"detail-type\":\"Braket Task State Change\"}", "no id")]
    [InlineData("{\"id\":\"1\",\"detail-type\":\"Braket Task State Change\",\"source\":\"aws.braket\"}", "no detail")]
    [InlineData(
        "{\"id\":\"1\",\"detail-type\":\"Braket Task State Change\",\"source\":\"aws.braket\",\"detail\":{\"quantumTaskArn\":\"x\"}}",
        "quantumTaskArn"
    )]
    public async Task Malformed_bodies_get_400_with_a_reason(string body, string reason)
    {
        var response = await Client.SendAsync(Events.Post(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(
            reason,
            JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()
        );
    }

    [Fact]
    public async Task Other_event_types_are_acknowledged_and_ignored()
    {
        var body = Events.TaskStateChange(Created()).Replace("Braket Task State Change", "Braket Device State Change");

        var response = await Client.SendAsync(Events.Post(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            "ignored",
            JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString()
        );
    }

    [Fact]
    public async Task A_task_event_is_accepted_in_milliseconds_and_evaluated_in_the_background()
    {
        var task = Created();
        Braket.Add(task);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var response = await Client.SendAsync(Events.Post(Events.TaskStateChange(task)));
        watch.Stop();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(watch.ElapsedMilliseconds < 1000, $"{watch.ElapsedMilliseconds} ms");
        await Slack.WaitFor(() => Braket.RequestsOf(BraketOperations.SearchQuantumTasks).Count > 0 ? "scanned" : null);
    }

    [Fact]
    public void Parses_the_sample_event_with_shots_as_a_string()
    {
        var sample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "eventbridge-braket-task-state-change.json"));

        var parsed = Assert.IsType<EventParse.TaskEvent>(TaskStateChange.Parse(System.Text.Encoding.UTF8.GetBytes(sample)));

        Assert.Equal(
            ("6a7e8feb-b491-4cf7-a9f1-bf3703467718", 50L, QuantumTaskStatus.Created),
            (parsed.EventId, parsed.Task.Shots, parsed.Task.Status)
        );
        Assert.Equal(Tasks.AspenArn, parsed.Task.DeviceArn);
    }

    [Theory]
    [InlineData("\"shots\":\"50\"", "\"shots\":\"-5\"")]
    [InlineData("\"shots\":\"50\"", "\"shots\":\"fifty\"")]
    [InlineData("\"shots\":\"50\"", "\"shots\":[50]")]
    [InlineData("\"status\":\"CREATED\"", "\"status\":\"EXPLODED\"")]
    [InlineData("\"createdAt\":", "\"createdAtX\":")]
    public void Refuses_an_event_with_a_bad_field(string from, string to)
    {
        var body = Events.TaskStateChange(Created()).Replace(from, to);

        Assert.IsType<EventParse.Invalid>(TaskStateChange.Parse(System.Text.Encoding.UTF8.GetBytes(body)));
    }

    [Theory]
    [InlineData("us-west-2", null, "not in Braket:Regions")] // a region nobody asked to watch
    [InlineData(null, "999988887777", "account is not the task's")] // the event and its task disagree
    public async Task Events_from_an_unwatched_region_or_another_account_are_acknowledged_and_ignored(
        string? region,
        string? account,
        string reason
    )
    {
        var task = Created();
        var body = Events.TaskStateChange(task);
        if (region is not null)
            body = body.Replace("arn:aws:braket:us-west-1:", $"arn:aws:braket:{region}:")
                .Replace("\"region\":\"us-west-1\"", $"\"region\":\"{region}\"");
        if (account is not null)
            body = body.Replace($"\"account\":\"{Tasks.Account}\"", $"\"account\":\"{account}\"");

        var response = await Client.SendAsync(Events.Post(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ignored", answer.GetProperty("status").GetString());
        Assert.Contains(reason, answer.GetProperty("detail").GetString());
        await SettleAsync();
        Assert.Empty(Braket.Requests);
    }

    [Theory]
    [InlineData(-400)] // a year ago
    [InlineData(-2)] // the day before yesterday
    [InlineData(2)] // the day after tomorrow
    [InlineData(3650)] // ten years on
    public async Task An_event_of_a_day_that_cannot_be_enforced_changes_nothing(int days)
    {
        var task = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 50, BotFactory.Today.AddDays(days));

        var response = await Client.SendAsync(Events.Post(Events.TaskStateChange(task)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("only today and yesterday", await response.Content.ReadAsStringAsync());
        await SettleAsync();
        Assert.Empty(Braket.Requests);
    }

    [Theory]
    [InlineData("9223372036854775807")]
    [InlineData("10000001")]
    public async Task Absurd_shot_counts_get_a_400(string shots)
    {
        var body = Events.TaskStateChange(Created()).Replace("\"shots\":\"50\"", $"\"shots\":\"{shots}\"");

        var response = await Client.SendAsync(Events.Post(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("more than any task can have", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_event_whose_hand_over_fails_is_not_taken_as_handled_so_its_redelivery_is()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(BotFactory.Today);
        var store = new ResettableStore(time);
        var jobs = new FlakyJobClient { Failures = 1 };
        var caps = new FixedOptions<CapsOptions>(new CapsOptions { Devices = { ["Aspen-M-1"] = new DeviceCaps { MaxShotsPerDay = 100 } } });
        var origins = new TaskOrigins(
            store,
            BraketServices.Create(Braket.Url).GetRequiredService<IBraketApi>(),
            caps,
            time,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<TaskOrigins>.Instance
        );
        var intake = new EventIntake(
            store,
            store,
            store,
            null!,
            new CapEvaluator(store, jobs),
            origins,
            caps,
            new FixedOptions<WatchOptions>(new WatchOptions { Regions = ["us-west-1"] }),
            TestMetrics.Create(),
            time,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<EventIntake>.Instance
        );
        var parsed = Assert.IsType<EventParse.TaskEvent>(
            TaskStateChange.Parse(System.Text.Encoding.UTF8.GetBytes(Events.TaskStateChange(Created(), id: "ev-1")))
        );

        await Assert.ThrowsAsync<InvalidOperationException>(() => intake.HandleAsync(parsed, default));
        var redelivered = await intake.HandleAsync(parsed, default);
        var again = await intake.HandleAsync(parsed, default);

        Assert.Equal(EventOutcome.Evaluating, redelivered.Outcome);
        Assert.Equal(EventOutcome.Duplicate, again.Outcome);
        Assert.Equal(1, jobs.Enqueued);
    }
}
