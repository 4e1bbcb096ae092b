using BraketBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BraketBot.Tests.Jobs;

/// <summary>A hybrid job's instance time on two instances sharing one PostgreSQL database: described once, counted alike.</summary>
[Collection(ScaleOutHosts.Name)]
public sealed class JobCostScaleOutTests(HostPair pair) : HostPairTests(pair)
{
    private const string JobArn = "arn:aws:braket:us-east-1:111122223333:job/vqe-h2";
    private static readonly DateTimeOffset Noon = BotFactory.Today;

    private async Task<string> CapsAsync(BotFactory host, HttpClient client, string responseId)
    {
        await client.SendAsync(
            SlackRequests.Signed(
                "/slack/commands",
                SlackRequests.CommandBody("caps", Slack.ResponseUrl(responseId), "U2147483697"),
                host.Clock.GetUtcNow()
            )
        );
        return MessageText.Of((await Slack.WaitForResponses(responseId))[0]);
    }

    [PostgresFact]
    public async Task Both_instances_count_the_jobs_instances_once_from_one_getjob()
    {
        Braket.Devices.AddRange(Tasks.AllDevices);
        Braket.AddJob(
            new HybridJob(
                JobArn,
                "vqe-h2",
                "RUNNING",
                Tasks.ForteArn,
                "ml.m5.large",
                2,
                Noon.AddHours(-2),
                Noon.AddHours(-1),
                null,
                TimeSpan.FromMinutes(60)
            )
        );
        var jobTask = Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Completed, 100, Noon.AddMinutes(-30)) with
        {
            Origin = new TaskOrigin(null, JobArn),
        };
        Braket.Add(jobTask);
        SetOnBoth("Caps:MaxCostPerDay", "100");
        // $0.30 + 100 × $0.08 for the task (the job prices of the sample list), 60 min × 2 × $0.00128 for the instances.
        var used =
            TrackerRule.QpuTaskCost(OfferFiles.SampleRows, jobTask.QuantumTaskArn, Tasks.ForteArn, 100, "COMPLETED", jobTask: true)
            + 60 * 2 * 0.00128m;

        using (var scope = A.Services.CreateScope())
            await scope
                .ServiceProvider.GetRequiredService<CapEnforcer>()
                .EvaluateAsync(
                    new EvaluationRequest(null, Day.Parse("2022-04-10"), "the test's reconcile", Reconcile: true),
                    CancellationToken.None
                );
        await A.SettleAsync();
        var onA = await CapsAsync(A, ClientA, "a");
        var onB = await CapsAsync(B, ClientB, "b");

        var figure = $"{used.ToString("$#,##0.00", System.Globalization.CultureInfo.InvariantCulture)} of $100.00"; // $8.45
        Assert.Contains(figure, onA);
        Assert.Contains(figure, onB);
        Assert.Single(Braket.RequestsOf(BraketOperations.GetJob)); // b priced the job from what a kept in the store
    }
}
