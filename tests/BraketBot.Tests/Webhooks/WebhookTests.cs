using System.Net;
using System.Text.Json;
using BraketBot.Braket;
using BraketBot.Tests.Support;
using BraketBot.Webhooks;

namespace BraketBot.Tests.Webhooks;

public sealed class WebhookTests : IDisposable
{
    private static readonly DateTimeOffset Day = new(2022, 4, 10, 0, 0, 0, TimeSpan.Zero);
    private readonly BotFactory bot = new();
    private readonly HttpClient client;

    public WebhookTests()
    {
        bot.Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "1000000";
        client = bot.Client();
    }

    public void Dispose()
    {
        client.Dispose();
        bot.Dispose();
    }

    private static QuantumTaskSummary Created() => Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 50, Day.AddHours(9));

    [Theory]
    [InlineData(null, "x-api-key")]
    [InlineData("wrong-key", "x-api-key")]
    [InlineData("test-api-key", "x-other-header")]
    [InlineData("", "x-api-key")]
    public async Task Without_its_key_the_webhook_answers_401_and_does_nothing(string? key, string header)
    {
        var response = await client.SendAsync(Events.Post(Events.TaskStateChange(Created()), key, header));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await Task.Delay(300);
        Assert.Empty(bot.Braket.Requests);
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("[1,2]", "not an EventBridge event object")]
    [InlineData("{\"detail-type\":\"Braket Task State Change\"}", "no id")]
    [InlineData("{\"id\":\"1\",\"detail-type\":\"Braket Task State Change\",\"source\":\"aws.braket\"}", "no detail")]
    [InlineData("{\"id\":\"1\",\"detail-type\":\"Braket Task State Change\",\"source\":\"aws.braket\",\"detail\":{\"quantumTaskArn\":\"x\"}}", "quantumTaskArn")]
    public async Task Malformed_bodies_get_400_with_a_reason(string body, string reason)
    {
        var response = await client.SendAsync(Events.Post(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Other_event_types_are_acknowledged_and_ignored()
    {
        var body = Events.TaskStateChange(Created()).Replace("Braket Task State Change", "Braket Device State Change");

        var response = await client.SendAsync(Events.Post(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ignored", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_task_event_is_accepted_in_milliseconds_and_evaluated_in_the_background()
    {
        var task = Created();
        bot.Braket.Add(task);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var response = await client.SendAsync(Events.Post(Events.TaskStateChange(task)));
        watch.Stop();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(watch.ElapsedMilliseconds < 1000, $"{watch.ElapsedMilliseconds} ms");
        await bot.Slack.WaitFor(() => bot.Braket.RequestsOf(BraketOperations.SearchQuantumTasks).Count > 0 ? "scanned" : null);
    }

    [Fact]
    public void Parses_the_sample_event_with_shots_as_a_string()
    {
        var sample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "eventbridge-braket-task-state-change.json"));

        var parsed = Assert.IsType<EventParse.TaskEvent>(TaskStateChange.Parse(System.Text.Encoding.UTF8.GetBytes(sample)));

        Assert.Equal(("6a7e8feb-b491-4cf7-a9f1-bf3703467718", 50L, QuantumTaskStatus.Created), (parsed.EventId, parsed.Task.Shots, parsed.Task.Status));
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
}
