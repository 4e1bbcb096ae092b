using System.Text.Json;
using BraketBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BraketBot.Tests.Budgets;

/// <summary>
/// Team budgets through the real host: tagged and untagged tasks across devices, a budget's breach
/// cancelling only its tasks and alerting in its own channel, its button refusing all but its admins.
/// </summary>
[Collection(EnforcementHost.Name)]
public sealed class BudgetEnforcementTests(AppFixture fixture) : IntegrationTests(fixture)
{
    private static readonly DateTimeOffset Morning = new(2022, 4, 10, 9, 0, 0, TimeSpan.Zero);

    protected override void Arrange()
    {
        Braket.Devices.AddRange(Tasks.AllDevices);
        Settings["Braket:Quotas:CancelQuantumTask:Rate"] = "200";
        Settings["Slack:Admins:0"] = "U0ADMIN";
        Slack.Channels["C0ALPHA"] = ("alpha-quantum", true);
        Slack.Channels["C0BETA"] = ("beta-quantum", true);
    }

    /// <summary>The two teams' budgets, each valid only whole (a tag and a cap): set in one reload.</summary>
    private void Budgets(string alphaCap, string alphaLimit, string? betaCap = null, string? betaLimit = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Budgets:alpha:Tag"] = "team=alpha",
            ["Budgets:alpha:Channel"] = "C0ALPHA",
            ["Budgets:alpha:Admins:0"] = "U0ALPHALEAD",
            [$"Budgets:alpha:{alphaCap}"] = alphaLimit,
        };
        if (betaCap is not null)
        {
            settings["Budgets:beta:Tag"] = "team=beta";
            settings["Budgets:beta:Channel"] = "C0BETA";
            settings[$"Budgets:beta:{betaCap}"] = betaLimit;
        }
        Settings.Set(settings);
    }

    private static QuantumTaskSummary Tagged(string team, string device, QuantumTaskStatus status, long shots, int minutes = 0) =>
        Tasks.Task(device, status, shots, Morning.AddMinutes(minutes)) with
        {
            Tags = new Dictionary<string, string> { ["team"] = team },
        };

    private QuantumTaskSummary InBraket(QuantumTaskSummary task)
    {
        Braket.Add(task);
        return task;
    }

    private async Task Deliver(QuantumTaskSummary task)
    {
        var response = await Client.SendAsync(Events.Post(Events.TaskStateChange(task)));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string Text(FakeSlack.Message message) => MessageText.Of(message.Body, withFallback: true);

    private Task<FakeSlack.Message> WaitForAlertIn(string channel, string reading) =>
        Slack.WaitFor(
            () => Slack.TopLevel.FirstOrDefault(m => m.Channel == channel && Text(m).Contains(reading)),
            what: $"an alert in {channel} reading '{reading}'"
        );

    private void AssertStatus(QuantumTaskStatus status, params QuantumTaskSummary[] tasks) =>
        Assert.All(tasks, t => Assert.Equal(status, Braket.Task(t.QuantumTaskArn).Status));

    [Fact]
    public async Task A_budget_breach_cancels_only_its_tasks_across_devices_and_alerts_in_its_channel()
    {
        Budgets("MaxShotsPerDay", "1000", "MaxShotsPerDay", "100000");
        var alphaAspen = InBraket(Tagged("alpha", Tasks.AspenArn, QuantumTaskStatus.Queued, 600));
        var alphaAnkaa = InBraket(Tagged("alpha", Tasks.AnkaaArn, QuantumTaskStatus.Queued, 300));
        var beta = InBraket(Tagged("beta", Tasks.AnkaaArn, QuantumTaskStatus.Queued, 5000));
        var untagged = InBraket(Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 50_000, Morning));
        var trigger = InBraket(Tagged("alpha", Tasks.ForteArn, QuantumTaskStatus.Created, 200, 5));

        await Deliver(trigger);

        var alert = await WaitForAlertIn("C0ALPHA", "Cancelled 3 queued tasks");
        await SettleAsync();
        var text = Text(alert);
        Assert.Contains("budget alpha (team=alpha)", text);
        Assert.Contains("1,100 of 1,000", text);
        AssertStatus(QuantumTaskStatus.Cancelling, alphaAspen, alphaAnkaa, trigger);
        AssertStatus(QuantumTaskStatus.Queued, beta, untagged);
        Assert.Single(Slack.TopLevel); // nothing in the alert channel, nothing for beta
        Assert.Empty(Slack.Files); // no chart of the whole account's day in the team's channel
    }

    [Fact]
    public async Task Two_budgets_breaching_at_once_give_two_alerts_each_in_its_own_channel()
    {
        Budgets("MaxShotsPerDay", "1000", "MaxCostPerDay", "5");
        var alpha = InBraket(Tagged("alpha", Tasks.AspenArn, QuantumTaskStatus.Queued, 1200));
        var beta = InBraket(Tagged("beta", Tasks.ForteArn, QuantumTaskStatus.Queued, 100)); // $8.30 on Forte-1
        var untagged = InBraket(Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Queued, 100, Morning));
        var trigger = InBraket(Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Created, 10, Morning.AddMinutes(1)));

        await Deliver(trigger);

        var alphaAlert = await WaitForAlertIn("C0ALPHA", "Cancelled 1 queued tasks");
        var betaAlert = await WaitForAlertIn("C0BETA", "Cancelled 1 queued tasks");
        await SettleAsync();
        Assert.Contains("budget alpha", Text(alphaAlert));
        Assert.DoesNotContain("budget beta", Text(alphaAlert));
        Assert.Contains("budget beta", Text(betaAlert));
        Assert.Contains("$8.30 of $5.00", Text(betaAlert));
        Assert.Equal(2, Slack.TopLevel.Count);
        AssertStatus(QuantumTaskStatus.Cancelling, alpha, beta);
        AssertStatus(QuantumTaskStatus.Queued, untagged);
        AssertStatus(QuantumTaskStatus.Created, trigger);
    }

    [Fact]
    public async Task A_budgets_cost_breach_leaves_another_teams_running_hybrid_job_alone()
    {
        const string betaJob = "arn:aws:braket:us-east-1:111122223333:job/beta-vqe";
        Budgets("MaxCostPerDay", "5", "MaxCostPerDay", "1000");
        Braket.AddJob(
            new HybridJob(
                betaJob,
                "beta-vqe",
                "RUNNING",
                Tasks.ForteArn,
                "ml.m5.large",
                2,
                Morning.AddMinutes(-10),
                Morning.AddMinutes(-9),
                null,
                TimeSpan.FromMinutes(60)
            )
        );
        InBraket(Tagged("beta", Tasks.ForteArn, QuantumTaskStatus.Completed, 10) with { Origin = new TaskOrigin(null, betaJob) });
        var alpha = InBraket(Tagged("alpha", Tasks.ForteArn, QuantumTaskStatus.Queued, 100, 1)); // $8.30 on Forte-1

        using (var scope = Bot.Services.CreateScope())
            await scope
                .ServiceProvider.GetRequiredService<CapEnforcer>()
                .EvaluateAsync(
                    new EvaluationRequest(null, Day.Parse("2022-04-10"), "the test's reconcile", Reconcile: true),
                    CancellationToken.None
                );

        var alert = await WaitForAlertIn("C0ALPHA", "Cancelled 1 queued tasks");
        await SettleAsync();
        Assert.DoesNotContain("beta-vqe", Text(alert));
        Assert.Empty(Braket.RequestsOf(BraketOperations.CancelJob));
        Assert.Equal("RUNNING", Braket.Job(betaJob).Status);
        AssertStatus(QuantumTaskStatus.Cancelling, alpha);
    }

    [Fact]
    public async Task After_a_restart_the_rest_button_of_a_run_over_two_devices_takes_only_those_devices_tasks()
    {
        var ankaa = InBraket(Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 10, Morning));
        var aspen = InBraket(Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 10, Morning));
        var forte = InBraket(Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Queued, 10, Morning));
        var later = InBraket(Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 10, Morning.AddHours(1)));
        // The button a stopped run posted: its list of what it left died with the in-memory store.
        var value = ButtonValues.Of(
            new RestOfRun(
                "stopped-run",
                CancelScope.EveryDevice(Day.Parse("2022-04-10")),
                Morning.AddMinutes(30),
                [Tasks.AnkaaArn, Tasks.AspenArn]
            )
        );

        await ClickAsync(CancelRestAction.Id, value, "r1", "U0ADMIN");

        await Slack.WaitFor(
            () => Slack.Responses("r1").Any(r => Text(r).Contains("cancelled 2 of 2")) ? "done" : null,
            what: "the rest's run"
        );
        await SettleAsync();
        AssertStatus(QuantumTaskStatus.Cancelling, ankaa, aspen);
        AssertStatus(QuantumTaskStatus.Queued, forte, later);
    }

    [Fact]
    public async Task A_task_whose_tag_only_GetQuantumTask_tells_is_counted_with_one_call()
    {
        Budgets("MaxShotsPerDay", "1000");
        var first = InBraket(Tagged("alpha", Tasks.AspenArn, QuantumTaskStatus.Created, 600));
        await Deliver(first); // fills the ledger with the day: later events are judged from it, without a scan
        await SettleAsync();
        Assert.Empty(Slack.TopLevel);
        var searches = Braket.RequestsOf(BraketOperations.SearchQuantumTasks).Count;

        // The event carries no tags; only GetQuantumTask says this task is alpha's, and only then does the ledger see a breach.
        var second = InBraket(Tagged("alpha", Tasks.AnkaaArn, QuantumTaskStatus.Created, 500, 1));
        await Deliver(second);

        var alert = await WaitForAlertIn("C0ALPHA", "Cancelled 2 queued tasks");
        await SettleAsync();
        Assert.Contains("1,100 of 1,000", Text(alert));
        Assert.True(Braket.RequestsOf(BraketOperations.SearchQuantumTasks).Count > searches, "the breach was confirmed by a scan");
        var id = second.QuantumTaskArn.Split('/')[^1];
        Assert.Single(Braket.RequestsOf(BraketOperations.GetQuantumTask), r => r.Path.Contains(id, StringComparison.Ordinal));
        AssertStatus(QuantumTaskStatus.Cancelling, first, second);
    }

    [Fact]
    public async Task A_budget_warnings_button_refuses_others_and_cancels_only_the_budgets_tasks_for_its_admin()
    {
        Budgets("MaxShotsPerDay", "1000");
        var alphaQueued = InBraket(Tagged("alpha", Tasks.AspenArn, QuantumTaskStatus.Queued, 400));
        var betaQueued = InBraket(Tagged("beta", Tasks.AspenArn, QuantumTaskStatus.Queued, 400));
        var untagged = InBraket(Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 400, Morning));
        var trigger = InBraket(Tagged("alpha", Tasks.AnkaaArn, QuantumTaskStatus.Created, 450, 1));

        await Deliver(trigger);

        var warning = await WaitForAlertIn("C0ALPHA", "near its cap");
        await SettleAsync();
        var button = Buttons(warning.Body).Single(b => b.GetProperty("action_id").GetString() == CancelAllQueuedAction.Id);
        Assert.Equal("Cancel alpha's queued tasks", button.GetProperty("text").GetProperty("text").GetString());
        Assert.Contains("budget alpha (team=alpha)", button.GetProperty("confirm").GetProperty("text").GetProperty("text").GetString());
        var value = button.GetProperty("value").GetString()!;

        await ClickAsync(CancelAllQueuedAction.Id, value, "stranger", userId: "U0STRANGER");
        Assert.Contains("Budgets:alpha:Admins", Text((await Slack.WaitForResponses("stranger"))[0]));
        await SettleAsync();
        AssertStatus(QuantumTaskStatus.Queued, alphaQueued, betaQueued, untagged);

        await ClickAsync(CancelAllQueuedAction.Id, value, "lead", userId: "U0ALPHALEAD");
        await Slack.WaitFor(
            () => Slack.Responses("lead").Any(r => Text(r).Contains("cancelled 2 of 2")) ? "done" : null,
            what: "the budget's run"
        );
        await SettleAsync();
        AssertStatus(QuantumTaskStatus.Cancelling, alphaQueued, trigger);
        AssertStatus(QuantumTaskStatus.Queued, betaQueued, untagged);
    }

    [Fact]
    public async Task Budgets_shows_each_teams_day_and_month_against_its_caps_and_the_untagged_rest()
    {
        Budgets("MaxShotsPerDay", "10000", "MaxCostPerMonth", "100");
        InBraket(Tagged("alpha", Tasks.AnkaaArn, QuantumTaskStatus.Completed, 2000));
        InBraket(Tagged("beta", Tasks.ForteArn, QuantumTaskStatus.Queued, 100)); // $8.30 on Forte-1
        InBraket(Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Completed, 500, Morning));

        await SendCommandAsync("budgets", "b1");

        var text = Text((await Slack.WaitForResponses("b1"))[0]);
        Assert.Contains("Team budgets on 2022-04-10 (UTC)", text);
        Assert.Contains("*alpha* · tag `team=alpha` · alerts in <#C0ALPHA>", text);
        Assert.Contains("*Shots, budget alpha (team=alpha)*: `▓▓░░░░░░░░ 20%` 2,000 of 10,000", text);
        Assert.Contains("*Cost this month, budget beta (team=beta)*: `▓░░░░░░░░░ 8%` $8.30 of $100.00", text);
        Assert.Contains("*Untagged and other tasks* (in no budget)", text);
        Assert.Contains("Today 500 shots", text);
    }

    [Fact]
    public async Task Info_budget_shows_one_teams_tasks_of_the_day_with_a_button_that_cancels_only_them()
    {
        Budgets("MaxShotsPerDay", "10000", "MaxShotsPerDay", "10000");
        var aspen = InBraket(Tagged("alpha", Tasks.AspenArn, QuantumTaskStatus.Queued, 1200));
        InBraket(Tagged("alpha", Tasks.AnkaaArn, QuantumTaskStatus.Completed, 800));
        InBraket(Tagged("beta", Tasks.AspenArn, QuantumTaskStatus.Queued, 5000));
        InBraket(Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 7000, Morning));

        await SendCommandAsync("info budget alpha 2022-04-10", "i1");
        await SendCommandAsync("info budget gamma", "i2");

        var report = (await Slack.WaitForResponses("i1"))[0];
        var text = Text(report);
        Assert.Contains("budget alpha (team=alpha) on 2022-04-10 (UTC)", text);
        Assert.Contains("Aspen-M-1      1  1,200", text); // alpha's only: not beta's 5,000 nor the untagged 7,000
        Assert.Contains("Ankaa-3        1    800", text);
        Assert.Contains("Total          2  2,000", text);
        Assert.Contains("*Shots, budget alpha (team=alpha)*: `▓▓░░░░░░░░ 20%` 2,000 of 10,000", text);
        var button = Buttons(report).Single(b => b.GetProperty("action_id").GetString() == CancelAllQueuedAction.Id);
        Assert.Equal("Cancel alpha's queued tasks", button.GetProperty("text").GetProperty("text").GetString());
        Assert.Equal(
            CancelScope.OfBudget(Day.Parse("2022-04-10"), new BudgetScope("alpha", new TaskTag("team", "alpha"), [])),
            JsonSerializer.Deserialize<CancelScope>(button.GetProperty("value").GetString()!, JsonSerializerOptions.Web)
        );
        Assert.Contains("There is no budget `gamma`. Budgets: `alpha`, `beta`.", Text((await Slack.WaitForResponses("i2"))[0]));
        Assert.Equal(QuantumTaskStatus.Queued, Braket.Task(aspen.QuantumTaskArn).Status);
    }

    [Fact]
    public async Task Info_splits_each_devices_day_by_budget_and_untagged_as_the_budget_caps_count_it()
    {
        Budgets("MaxShotsPerDay", "10000", "MaxShotsPerDay", "10000");
        InBraket(Tagged("alpha", Tasks.AspenArn, QuantumTaskStatus.Queued, 1000));
        InBraket(Tagged("alpha", Tasks.ForteArn, QuantumTaskStatus.Completed, 100));
        InBraket(Tagged("beta", Tasks.ForteArn, QuantumTaskStatus.Queued, 200));
        InBraket(Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Completed, 3000, Morning));
        InBraket(Tagged("alpha", Tasks.AspenArn, QuantumTaskStatus.Failed, 50000)); // failed: no cap counts it

        await SendCommandAsync("info 2022-04-10", "i1");
        await SendCommandAsync("budgets", "b1");

        var text = Text((await Slack.WaitForResponses("i1"))[0]);
        Assert.Contains(":busts_in_silhouette: By budget (as caps count): alpha 1,000 shots, $0.65 · untagged 3,000 shots, $1.35", text);
        Assert.Contains(":busts_in_silhouette: By budget (as caps count): alpha 100 shots, $8.30 · beta 200 shots, $16.30", text);
        // The same figures as /braket budgets: alpha's day on both devices.
        Assert.Contains(
            "*alpha* · tag `team=alpha` · alerts in <#C0ALPHA>\nToday 1,100 shots, $8.95",
            Text((await Slack.WaitForResponses("b1"))[0])
        );
    }

    private static string Text(JsonElement body) => MessageText.Of(body, withFallback: true);

    private static IEnumerable<JsonElement> Buttons(JsonElement body) =>
        body.GetProperty("blocks")
            .EnumerateArray()
            .Where(b => b.GetProperty("type").GetString() == "actions")
            .SelectMany(b => b.GetProperty("elements").EnumerateArray());
}
