using BraketBot.Tests.Support;

namespace BraketBot.Tests.Budgets;

/// <summary>
/// Hybrid jobs' instances against team budgets through the real host: a job counts in the budget whose tag GetJob gives it,
/// as jobs count against the account's caps, and a breach it causes stops that team's work only.
/// </summary>
[Collection(EnforcementHost.Name)]
public sealed class BudgetJobCostTests(AppFixture fixture) : IntegrationTests(fixture)
{
    private const string AlphaJob = "arn:aws:braket:us-east-1:111122223333:job/alpha-vqe";
    private const string BetaJob = "arn:aws:braket:us-east-1:111122223333:job/beta-qaoa";
    private static readonly DateTimeOffset Noon = BotFactory.Today; // the clock: 2022-04-10 12:00 UTC

    /// <summary>An hour of one ml.p3.2xlarge at the built-in $0.06375 a minute.</summary>
    private const decimal HourOfInstance = 60 * 0.06375m;

    protected override void Arrange()
    {
        Braket.Devices.AddRange(Tasks.AllDevices);
        Settings["Braket:Quotas:CancelQuantumTask:Rate"] = "200";
        Settings["Slack:Admins:0"] = "U2147483697";
        Slack.Channels["C0ALPHA"] = ("alpha-quantum", true);
        Slack.Channels["C0BETA"] = ("beta-quantum", true);
    }

    private void Budgets(string alphaCostPerDay)
    {
        Settings.Set(
            new Dictionary<string, string?>
            {
                ["Budgets:alpha:Tag"] = "team=alpha",
                ["Budgets:alpha:Channel"] = "C0ALPHA",
                ["Budgets:alpha:MaxCostPerDay"] = alphaCostPerDay,
                ["Budgets:beta:Tag"] = "team=beta",
                ["Budgets:beta:Channel"] = "C0BETA",
                ["Budgets:beta:MaxCostPerDay"] = "1000",
            }
        );
    }

    /// <summary>A job that has run (and billed) an hour on Forte-1 with its tags, and one finished task that names it.</summary>
    private void RunningJob(string arn, string? team)
    {
        Braket.AddJob(Tasks.Job(arn, "ml.p3.2xlarge", Noon.AddMinutes(-60), 60, team));
        Braket.Add(Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Completed, 10, Noon.AddMinutes(-50)) with { Origin = new(null, arn) });
    }

    private QuantumTaskSummary Queued(string? team, int minutes)
    {
        var task = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 10, Noon.AddMinutes(-minutes)) with
        {
            Tags = team is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["team"] = team },
        };
        Braket.Add(task);
        return task;
    }

    /// <summary>The event of a team's queued task: with budgets, an evaluation of every device, its jobs described.</summary>
    private async Task DeliverAsync(QuantumTaskSummary task)
    {
        var response = await Client.SendAsync(Events.Post(Events.TaskStateChange(task)));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await SettleAsync();
    }

    private async Task<string> CommandAsync(string text, string responseId)
    {
        await SendCommandAsync(text, responseId);
        return MessageText.Of((await Slack.WaitForResponses(responseId))[0]);
    }

    [Theory]
    [InlineData("Cancel")]
    [InlineData("Spare")]
    public async Task A_tagged_jobs_instances_breach_its_budget_and_stop_that_teams_work_only(string jobs)
    {
        Settings["Caps:Jobs"] = jobs;
        Budgets(alphaCostPerDay: "3");
        RunningJob(AlphaJob, "alpha"); // $3.83 of instance time: alpha's queued task alone is far below its warning
        var alpha = Queued("alpha", 20);
        var beta = Queued("beta", 21);
        var untagged = Queued(null, 22);

        await DeliverAsync(alpha);
        await DeliverAsync(alpha); // told again: nothing more to do

        var alert = MessageText.Of(Assert.Single(Slack.TopLevel, m => m.Channel == "C0ALPHA").Body, withFallback: true);
        Assert.Contains("budget alpha (team=alpha)", alert);
        Assert.Contains("$4.13 of $3.00", alert); // $3.825 of instances and $0.3035 of alpha's task on Aspen-M-1
        Assert.Contains("Cancelled 1 queued tasks", alert);
        Assert.Single(Slack.TopLevel); // nothing for beta, nothing in the alert channel
        Assert.Equal(QuantumTaskStatus.Cancelling, Braket.Task(alpha.QuantumTaskArn).Status);
        Assert.Equal(QuantumTaskStatus.Queued, Braket.Task(beta.QuantumTaskArn).Status);
        Assert.Equal(QuantumTaskStatus.Queued, Braket.Task(untagged.QuantumTaskArn).Status);
        Assert.Equal(jobs == "Cancel" ? 1 : 0, Braket.RequestsOf(BraketOperations.CancelJob).Count);
        Assert.Equal(jobs == "Cancel" ? "CANCELLING" : "RUNNING", Braket.Job(AlphaJob).Status);
        if (jobs == "Cancel")
            Assert.Contains("Hybrid job *alpha-vqe* (1 × ml.p3.2xlarge, 60 min so far", alert);
    }

    [Fact]
    public async Task Another_teams_jobs_instances_do_not_breach_a_budget_nor_stop_its_job()
    {
        Settings["Caps:Jobs"] = "Cancel";
        Budgets(alphaCostPerDay: "3");
        RunningJob(BetaJob, "beta");
        RunningJob(AlphaJob, null); // untagged: in no budget
        var alpha = Queued("alpha", 20);

        await DeliverAsync(alpha);

        Assert.Empty(Slack.TopLevel);
        Assert.Empty(Braket.RequestsOf(BraketOperations.CancelJob));
        Assert.Equal(QuantumTaskStatus.Queued, Braket.Task(alpha.QuantumTaskArn).Status);
    }

    [Fact]
    public async Task Budgets_and_info_budget_count_each_jobs_instances_in_the_budget_of_its_tag_and_untagged_ones_in_the_rest()
    {
        Budgets(alphaCostPerDay: "100");
        RunningJob(AlphaJob, "alpha");
        RunningJob(BetaJob, null);
        Queued("alpha", 20);

        var budgets = await CommandAsync("budgets", "b1");
        var info = await CommandAsync("info budget alpha", "i1");

        Assert.Contains("*alpha* · tag `team=alpha` · alerts in <#C0ALPHA>\nToday 10 shots, $4.13", budgets);
        Assert.Contains("*beta* · tag `team=beta` · alerts in <#C0BETA>\nToday 0 shots, $0.00", budgets);
        // The rest: the two job tasks (10 shots each on Forte-1) and the untagged job's hour of instance time.
        Assert.Contains($"(in no budget)\nToday 20 shots, ${2 * 1.10m + HourOfInstance:0.00}", budgets);
        Assert.Contains("$4.13 of $100.00", info);
    }
}
