using System.Net;
using BraketBot.Tests.Support;

namespace BraketBot.Tests.Braket;

/// <summary>Scans leave room for people, and enforcement goes first: the quota queue's order, as the fake Braket receives it.</summary>
[Collection(EnforcementHost.Name)]
public sealed class QuotaPriorityTests(AppFixture fixture) : IntegrationTests(fixture)
{
    [Fact]
    public async Task A_breachs_confirming_scan_goes_out_before_queued_report_and_reconcile_pages()
    {
        var bot = Bot;
        Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "100";
        Settings["Braket:Quotas:SearchQuantumTasks:Rate"] = "4";
        Settings["Braket:Quotas:SearchQuantumTasks:Burst"] = "1";
        var task = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 500, BotFactory.Today);
        bot.Braket.Add(task);
        var client = Client;
        var braket = bot.Service<IBraketApi>();
        Task<BraketResult<QuantumTaskPage>> Page(BraketPriority priority, QuantumTaskStatus status)
        {
            using var _ = BraketPriority.Enter(priority);
            return braket.SearchQuantumTasksAsync("us-west-1", [QuantumTaskFilter.Status(status)], null, 100, CancellationToken.None);
        }

        // Thirty pages of people's reports queue, then ten of the reconcile's: ten seconds of us-west-1's search quota,
        // room enough for the event to reach the breach's scan on a busy machine.
        var queued = Enumerable
            .Range(0, 30)
            .Select(_ => Page(BraketPriority.Report, QuantumTaskStatus.Completed))
            .Concat(Enumerable.Range(0, 10).Select(_ => Page(BraketPriority.Reconcile, QuantumTaskStatus.Running)))
            .ToList();
        Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(Events.Post(Events.TaskStateChange(task)))).StatusCode);
        await Task.WhenAll(queued);
        await bot.Slack.WaitFor(() => Kinds(bot.Braket).Contains("enforcement") ? "scan" : null, what: "the breach's confirming scan");
        await bot.SettleAsync();

        var kinds = Kinds(bot.Braket);
        var first = kinds.IndexOf("enforcement");
        // It went out as soon as it queued: before every reconcile page, and before the reports still waiting then.
        Assert.True(kinds.Skip(first).Count(k => k == "reconcile") == 10, string.Join(", ", kinds));
        Assert.True(kinds.Skip(first).Any(k => k == "report"), string.Join(", ", kinds));
        Assert.Equal(30, kinds.Count(k => k == "report"));
    }

    /// <summary>The search requests in the order Braket received them, each told by its filter.</summary>
    private static List<string> Kinds(FakeBraket braket) =>
        braket
            .RequestsOf(BraketOperations.SearchQuantumTasks)
            .Select(r => r.Body ?? "")
            .Select(body =>
                body.Contains("Aspen-M-1", StringComparison.Ordinal) ? "enforcement"
                : body.Contains("COMPLETED", StringComparison.Ordinal) ? "report"
                : body.Contains("RUNNING", StringComparison.Ordinal) ? "reconcile"
                : "other"
            )
            .ToList();
}
