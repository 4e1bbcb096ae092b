using BraketBot.Digest;
using BraketBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BraketBot.Tests.Budgets;

/// <summary>
/// The daily digest with team budgets, through the real host: the alert channel's lists each budget and the untagged rest, and
/// each budget alerting elsewhere gets a short digest of its own figures in its channel, once, even when Slack refused one.
/// </summary>
[Collection(EnforcementHost.Name)]
public sealed class BudgetDigestTests(AppFixture fixture) : IntegrationTests(fixture)
{
    private static readonly DateTimeOffset Yesterday = new(2022, 4, 9, 9, 0, 0, TimeSpan.Zero);

    protected override void Arrange()
    {
        Braket.Devices.AddRange(Tasks.AllDevices);
        Slack.Channels["C0ALPHA"] = ("alpha-quantum", true);
        Slack.Channels["C0BETA"] = ("beta-quantum", true);
    }

    /// <summary>alpha and beta alert in their own channels, gamma in the alert channel (named or by default).</summary>
    private void Budgets(string? gammaChannel = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Budgets:alpha:Tag"] = "team=alpha",
            ["Budgets:alpha:Channel"] = "C0ALPHA",
            ["Budgets:alpha:MaxShotsPerDay"] = "1000",
            ["Budgets:beta:Tag"] = "team=beta",
            ["Budgets:beta:Channel"] = "C0BETA",
            ["Budgets:beta:MaxCostPerMonth"] = "100",
            ["Budgets:gamma:Tag"] = "team=gamma",
            ["Budgets:gamma:MaxShotsPerDay"] = "50",
        };
        if (gammaChannel is not null)
            settings["Budgets:gamma:Channel"] = gammaChannel;
        Settings.Set(settings);
    }

    /// <summary>Yesterday: alpha's 600 shots done and 300 cancelled, beta's $8.30 on Forte-1, 500 untagged shots.</summary>
    private void Yesterdays()
    {
        Braket.Add(
            Tagged("alpha", Tasks.AspenArn, QuantumTaskStatus.Completed, 600),
            Tagged("alpha", Tasks.AnkaaArn, QuantumTaskStatus.Cancelled, 300),
            Tagged("beta", Tasks.ForteArn, QuantumTaskStatus.Completed, 100),
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Completed, 500, Yesterday)
        );
    }

    private static QuantumTaskSummary Tagged(string team, string device, QuantumTaskStatus status, long shots) =>
        Tasks.Task(device, status, shots, Yesterday) with
        {
            Tags = new Dictionary<string, string> { ["team"] = team },
        };

    private async Task RunDigestAsync()
    {
        using var scope = Bot.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DigestJob>().RunAsync(new DigestArgs(), CancellationToken.None);
    }

    private static string Text(FakeSlack.Message message) => MessageText.Of(message.Body, withFallback: true);

    private static void Contains(string text, params string[] parts)
    {
        foreach (var part in parts)
            Assert.Contains(part, text);
    }

    private string In(string channel) => Text(Assert.Single(Slack.TopLevel, m => m.Channel == channel));

    [Fact]
    public async Task The_digest_lists_each_budget_and_the_untagged_rest_and_each_teams_channel_gets_its_own_figures_only()
    {
        Budgets();
        Yesterdays();

        await RunDigestAsync();
        await RunDigestAsync(); // the next run finds every channel's digest posted

        Assert.Equal(["C0ALERTS", "C0ALPHA", "C0BETA"], Slack.TopLevel.Select(m => m.Channel).Order());
        Contains(
            In("C0ALERTS"),
            "Braket digest for 2022-04-09",
            "*alpha* · tag `team=alpha` · alerts in <#C0ALPHA>\nThe day 600 shots, $0.51 · 2022-04 to date 600 shots",
            "*Shots, budget alpha (team=alpha)*: `▓▓▓▓▓▓░░░░ 60%` 600 of 1,000",
            "*beta* · tag `team=beta` · alerts in <#C0BETA>\nThe day 100 shots, $8.30",
            "*Cost this month, budget beta (team=beta)*: `▓░░░░░░░░░ 8%` $8.30 of $100.00",
            "*gamma* · tag `team=gamma` · alerts in <#C0ALERTS>\nThe day 0 shots, $0.00",
            "*Untagged and other tasks* (in no budget)\nThe day 500 shots"
        );
        var alpha = In("C0ALPHA");
        Contains(
            alpha,
            "Braket digest for 2022-04-09: budget alpha",
            "The day 600 shots, $0.51",
            "600 of 1,000",
            "1 tasks were cancelled (300 shots",
            "No cap was crossed"
        );
        var beta = In("C0BETA");
        Contains(beta, "Braket digest for 2022-04-09: budget beta", "$8.30 of $100.00");
        foreach (var (team, other) in new[] { (alpha, "beta"), (beta, "alpha") })
        {
            Assert.DoesNotContain(other, team);
            Assert.DoesNotContain("gamma", team);
            Assert.DoesNotContain("Untagged", team);
            Assert.DoesNotContain("500", team); // the untagged shots
        }
        Assert.DoesNotContain("Forte-1", alpha);
        Assert.DoesNotContain("Aspen-M-1", beta);
        Assert.Single(Slack.Files); // the day's chart, with the alert channel's digest only
    }

    [Fact]
    public async Task A_budget_that_alerts_in_the_alert_channel_gets_no_second_digest_there()
    {
        Budgets(gammaChannel: "C0ALERTS");
        Braket.Add(Tagged("gamma", Tasks.AspenArn, QuantumTaskStatus.Completed, 40));

        await RunDigestAsync();

        Assert.Contains("*gamma* · tag `team=gamma` · alerts in <#C0ALERTS>\nThe day 40 shots", In("C0ALERTS"));
        Assert.Equal(["C0ALERTS", "C0ALPHA", "C0BETA"], Slack.TopLevel.Select(m => m.Channel).Order());
    }

    [Fact]
    public async Task A_retry_after_slack_refused_one_channel_posts_only_that_channels_digest()
    {
        Budgets();
        Yesterdays();
        Slack.RefusePostsIn("C0BETA", "not_in_channel");

        await Assert.ThrowsAsync<InvalidOperationException>(RunDigestAsync); // the job fails, and Hangfire retries it
        Assert.Equal(["C0ALERTS", "C0ALPHA"], Slack.TopLevel.Select(m => m.Channel).Order());

        Slack.AcceptPostsIn("C0BETA");
        await RunDigestAsync();

        Assert.Equal(["C0ALERTS", "C0ALPHA", "C0BETA"], Slack.TopLevel.Select(m => m.Channel).Order());
        Assert.Contains("Braket digest for 2022-04-09: budget beta", In("C0BETA"));
        // Each channel asked once, beta's twice: the retry posted nothing again where the first run had.
        Assert.Equal(
            ["C0ALERTS", "C0ALPHA", "C0BETA", "C0BETA"],
            Slack.Bodies("chat.postMessage").Select(b => b.GetProperty("channel").GetString()).Order()
        );
        Assert.Single(Slack.Files);
    }

    [Fact]
    public async Task A_jobs_instances_count_in_the_digest_of_the_budget_its_tag_names()
    {
        Budgets();
        Yesterdays();
        const string job = "arn:aws:braket:us-east-1:111122223333:job/alpha-vqe";
        Braket.AddJob(Tasks.Job(job, "ml.p3.2xlarge", Yesterday, 40, "alpha", ended: Yesterday.AddMinutes(40)));
        Braket.Add(Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Completed, 10, Yesterday.AddMinutes(5)) with { Origin = new(null, job) });

        await RunDigestAsync();

        // $0.51 of alpha's task and 40 minutes of ml.p3.2xlarge at the built-in $0.06375 a minute.
        Assert.Contains("*alpha* · tag `team=alpha` · alerts in <#C0ALPHA>\nThe day 600 shots, $3.06", In("C0ALERTS"));
        Assert.Contains("The day 600 shots, $3.06", In("C0ALPHA"));
        Assert.Contains("The day 100 shots, $8.30", In("C0BETA"));
    }
}
