using System.Net;
using System.Text.Json;
using BraketBot.Tests.Support;

namespace BraketBot.Tests.Commands;

/// <summary>Cancelling through the real host: /braket cancel and the "Cancel all queued" button.</summary>
[Collection(CommandsHost.Name)]
public sealed class CancelFlowTests(AppFixture fixture) : IntegrationTests(fixture)
{
    private const string Admin = "U0ADMIN";
    private static readonly DateTimeOffset Day = new(2022, 4, 10, 0, 0, 0, TimeSpan.Zero);

    protected override void Arrange()
    {
        Braket.Devices.AddRange(Tasks.AllDevices);
        Settings["Slack:Admins:0"] = Admin;
        // Fast enough for a test; the pacing itself is measured in TokenBucketTests and the benchmark.
        Settings["Braket:Quotas:CancelQuantumTask:Rate"] = "200";
        Settings["Braket:Quotas:CancelQuantumTask:Burst"] = "20";
    }

    private async Task<JsonElement> Command(string text, string responseId, string userId = Admin)
    {
        var ack = await SendCommandAsync(text, responseId, userId);
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        return JsonDocument.Parse(await ack.Content.ReadAsStringAsync()).RootElement;
    }

    private Task<HttpResponseMessage> Click(CancelScope scope, string responseId, string userId = Admin) =>
        ClickAsync(CancelAllQueuedAction.Id, ButtonValues.Of(scope), responseId, userId);

    private static string Text(JsonElement message) => MessageText.Of(message);

    [Fact]
    public async Task Cancels_a_queued_task_and_says_who_did()
    {
        var task = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 100, Day.AddHours(1));
        Braket.Add(task);

        await Command("cancel " + task.QuantumTaskArn, "c1");

        var answer = (await Slack.WaitForResponses("c1"))[0];
        Assert.Equal("in_channel", answer.GetProperty("response_type").GetString());
        Assert.Contains($"<@{Admin}> cancelled task {Format.Task(task.QuantumTaskArn)}", Text(answer));
        Assert.DoesNotContain(Tasks.Account, Text(answer));
        Assert.Equal(QuantumTaskStatus.Cancelling, Braket.Task(task.QuantumTaskArn).Status);
    }

    [Fact]
    public async Task Refuses_a_completed_task_naming_its_state()
    {
        var task = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Completed, 100, Day.AddHours(1));
        Braket.Add(task);

        await Command("cancel " + task.QuantumTaskArn, "c2");

        var answer = (await Slack.WaitForResponses("c2"))[0];
        Assert.Equal("ephemeral", answer.GetProperty("response_type").GetString());
        Assert.Contains("is COMPLETED; only QUEUED or CREATED tasks can be cancelled", Text(answer));
        Assert.Empty(Braket.RequestsOf(BraketOperations.CancelQuantumTask));
    }

    [Fact]
    public async Task A_task_that_started_meanwhile_is_reported_with_its_new_state()
    {
        var task = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 100, Day.AddHours(1));
        Braket.Add(task);
        Braket.Fail(BraketOperations.CancelQuantumTask, HttpStatusCode.Conflict);

        await Command("cancel " + task.QuantumTaskArn, "c3");

        Assert.Contains("was not cancelled", Text((await Slack.WaitForResponses("c3"))[0]));
    }

    [Fact]
    public async Task An_unknown_task_is_not_found()
    {
        await Command($"cancel arn:aws:braket:us-west-1:{Tasks.Account}:quantum-task/00000000-0000-0000-0000-000000000000", "c4");

        Assert.Contains("No task", Text((await Slack.WaitForResponses("c4"))[0]));
    }

    [Fact]
    public async Task A_malformed_arn_is_answered_without_calling_braket()
    {
        var answer = await Command("cancel arn:aws:braket:us-west-1:1234:quantum-task/x", "c5");

        Assert.Equal("ephemeral", answer.GetProperty("response_type").GetString());
        Assert.Contains("is not a quantum task ARN", Text(answer));
        await SettleAsync();
        Assert.Empty(Braket.Requests);
    }

    [Fact]
    public async Task A_non_admin_is_refused_and_nothing_is_called()
    {
        var task = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 100, Day.AddHours(1));
        Braket.Add(task);

        var answer = await Command("cancel " + task.QuantumTaskArn, "c6", userId: "U0SOMEONE");
        var click = await Click(CancelScope.Device(BraketBot.Domain.Day.Parse("2022-04-10"), Tasks.Aspen), "c7", userId: "U0SOMEONE");

        Assert.Contains("Only the admins", Text(answer));
        Assert.Equal(HttpStatusCode.OK, click.StatusCode);
        Assert.Contains("Only the admins", Text((await Slack.WaitForResponses("c7"))[0]));
        Assert.Empty(Braket.Requests);
        Assert.Equal(QuantumTaskStatus.Queued, Braket.Task(task.QuantumTaskArn).Status);
    }

    [Fact]
    public async Task The_button_cancels_exactly_the_queued_tasks_of_its_scope()
    {
        var inScope = new[]
        {
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 100, Day.AddHours(1)),
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 200, Day.AddHours(2)),
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 300, Day.AddHours(3)),
        };
        var decoys = new[]
        {
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Running, 400, Day.AddHours(1)),
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 500, Day.AddDays(-1)),
            Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 600, Day.AddHours(1)),
        };
        Braket.Add([.. inScope, .. decoys]);

        var ack = await Click(CancelScope.Device(BraketBot.Domain.Day.Parse("2022-04-10"), Tasks.Aspen), "b1");

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var outcome = await Slack.WaitFor(() =>
            Slack.Responses("b1").LastOrDefault(r => Text(r).Contains("cancelled 3 of 3")) is { ValueKind: JsonValueKind.Object } r
                ? (object)r
                : null
        );
        var message = (JsonElement)outcome;
        Assert.True(message.GetProperty("replace_original").GetBoolean());
        Assert.Contains($"<@{Admin}> cancelled 3 of 3 queued tasks of *Aspen-M-1* on 2022-04-10", Text(message));
        Assert.Contains("600 shots", Text(message));
        Assert.All(inScope, t => Assert.Equal(QuantumTaskStatus.Cancelling, Braket.Task(t.QuantumTaskArn).Status));
        Assert.All(decoys, t => Assert.Equal(t.Status, Braket.Task(t.QuantumTaskArn).Status));
        Assert.Equal(3, Braket.RequestsOf(BraketOperations.CancelQuantumTask).Count);
    }

    [Fact]
    public async Task A_large_run_with_throttling_still_cancels_every_task()
    {
        var queued = Tasks.Many(200, Tasks.AnkaaArn, QuantumTaskStatus.Queued, 10, Day.AddHours(1)).ToArray();
        Braket.Add(queued);
        Braket.Fail(BraketOperations.CancelQuantumTask, HttpStatusCode.TooManyRequests, times: 40);

        await Click(CancelScope.Device(BraketBot.Domain.Day.Parse("2022-04-10"), Tasks.Ankaa), "b2");

        await Slack.WaitFor(
            () => Slack.Responses("b2").Any(r => Text(r).Contains("cancelled 200 of 200")) ? "done" : null,
            TimeSpan.FromSeconds(60)
        );
        Assert.All(queued, t => Assert.Equal(QuantumTaskStatus.Cancelling, Braket.Task(t.QuantumTaskArn).Status));
        Assert.True(Slack.Responses("b2").Any(r => Text(r).Contains("done…")), "progress was shown");
        await SettleAsync();
        Assert.Contains("cancelled 200 of 200", Text(Slack.Responses("b2")[^1])); // no late progress over the outcome
    }

    [Fact]
    public async Task A_double_click_gives_one_run()
    {
        var queued = Tasks.Many(30, Tasks.AnkaaArn, QuantumTaskStatus.Queued, 10, Day.AddHours(1)).ToArray();
        Braket.Add(queued);
        Braket.Latency = TimeSpan.FromMilliseconds(20);
        var scope = CancelScope.Device(BraketBot.Domain.Day.Parse("2022-04-10"), Tasks.Ankaa);

        await Task.WhenAll(Click(scope, "d1"), Click(scope, "d2"));

        await Slack.WaitFor(() =>
            Slack.Received.Any(r => r.Kind == "response_url" && Text(r.Body).Contains("cancelled 30 of 30")) ? "done" : null
        );
        await Slack.WaitFor(() => Slack.Received.Any(r => Text(r.Body).Contains("being cancelled already")) ? "refused" : null);
        Assert.Equal(30, Braket.RequestsOf(BraketOperations.CancelQuantumTask).Count);
    }

    [Fact]
    public async Task A_forged_button_value_changes_nothing()
    {
        Braket.Add(Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 100, Day.AddHours(1)));

        await ClickAsync(CancelAllQueuedAction.Id, "{\"day\":\"tomorrow\"}", "f1", Admin);

        Assert.Contains("no longer valid", Text((await Slack.WaitForResponses("f1"))[0]));
        Assert.Empty(Braket.Requests);
    }
}
