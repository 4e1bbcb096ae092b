using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using BraketBot.Tests.Support;
using Npgsql;
using Xunit.Abstractions;

namespace BraketBot.Tests.Hosting;

/// <summary>
/// An upgrade in place on PostgreSQL: the previous release (built from its commit) is stopped with work
/// in flight, this release is started on the same database, and finishes all of it, once.
/// </summary>
public sealed class UpgradeTests(ITestOutputHelper output)
{
    private const string DashboardUser = "ops";
    private const string DashboardPassword = "upgrade-test";

    private static readonly string[] Held =
    [
        BraketOperations.CancelQuantumTask,
        BraketOperations.SearchQuantumTasks,
        BraketOperations.SearchSpendingLimits,
    ];

    [PostgresFact]
    public async Task Jobs_and_runs_the_previous_release_left_in_flight_are_finished_by_this_one_each_alert_posted_once()
    {
        var watch = Stopwatch.StartNew();
        var previous = await PreviousRelease.BuildAsync();
        output.WriteLine($"previous release ready in {watch.Elapsed.TotalSeconds:F0} s");

        await using var process = await BuiltProcess.OnPostgresAsync();
        var (braket, slack) = (process.Braket, process.Slack);
        braket.Devices.AddRange(Tasks.AllDevices);
        var now = DateTimeOffset.UtcNow;
        var ankaa = Tasks.Many(20, Tasks.AnkaaArn, QuantumTaskStatus.Queued, 10, now.AddMinutes(-5)).ToArray();
        var forte = Tasks.Many(20, Tasks.ForteArn, QuantumTaskStatus.Queued, 10, now.AddMinutes(-5)).ToArray();
        var yesterday = Tasks.Many(3, Tasks.AnkaaArn, QuantumTaskStatus.Completed, 10, now.AddDays(-1)).ToArray();
        braket.Add([.. ankaa, .. forte, .. yesterday]);
        var settings = process.Settings(
            new Dictionary<string, string>
            {
                ["Caps:Devices:Ankaa-3:MaxShotsPerDay"] = "100",
                ["Caps:Devices:Forte-1:MaxShotsPerDay"] = "100",
                // Registered, but left to the test to trigger (from the dashboard, as an operator would).
                ["Caps:DigestCron"] = "0 0 1 1 *",
                ["Hangfire:Dashboard:Username"] = DashboardUser,
                ["Hangfire:Dashboard:Password"] = DashboardPassword,
            }
        );
        // In flight when the old release stops: Ankaa's run (its cancels), Forte's evaluation and the digest
        // (their scans; Ankaa's own scan goes through, so that its run starts) and the limit sync of its start.
        foreach (var held in Held)
            braket.Hold(held, r => held != BraketOperations.SearchQuantumTasks || !ScansAnkaa(r.Body!));

        watch.Restart();
        IReadOnlyList<Job> leftBehind;
        using (var old = await BotProcess.StartAsync(settings, previous))
        {
            using var client = new HttpClient { BaseAddress = old.Address };
            foreach (var trigger in new[] { ankaa[0], forte[0] })
                Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(Events.Post(Events.TaskStateChange(trigger)))).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(TriggerDigest())).StatusCode);
            await slack.WaitFor(
                () => InFlight(braket, slack),
                TimeSpan.FromSeconds(90),
                "the run, the evaluation, the digest and the limit sync in flight"
            );

            var stopped = await old.TerminateAsync(TimeSpan.FromSeconds(45));
            Assert.True(stopped is not null, "the previous release stopped on SIGTERM");
            output.WriteLine($"previous release ran {watch.Elapsed.TotalSeconds:F0} s, stopped in {stopped!.Value.TotalSeconds:F1} s");
            leftBehind = (await JobsAsync(process.Database)).Where(j => j.State != "Succeeded").ToList();
        }
        Assert.Single(slack.TopLevel); // Ankaa's alert, before its cancels
        foreach (var kind in new[] { "CapEvaluationJob", "DigestJob", "SyncNowAsync" })
            Assert.Contains(leftBehind, j => j.Invocation.Contains(kind, StringComparison.Ordinal));
        foreach (var held in Held)
            braket.Release(held);

        watch.Restart();
        using (var current = await BotProcess.StartAsync(settings))
        {
            var ankaaDone = await slack.WaitFor(() => Outcome("Ankaa-3"), TimeSpan.FromSeconds(90), "Ankaa's run finished");
            var forteDone = await slack.WaitFor(() => Outcome("Forte-1"), TimeSpan.FromSeconds(90), "Forte's evaluation and run");
            await slack.WaitFor(
                () => slack.TopLevel.FirstOrDefault(m => m.Body.ToString().Contains("Braket digest for", StringComparison.Ordinal)),
                TimeSpan.FromSeconds(60),
                "the digest"
            );
            var jobs = await WaitAsync(
                async () =>
                {
                    var all = await JobsAsync(process.Database);
                    return leftBehind.All(j => all.Single(a => a.Id == j.Id).State == "Succeeded") ? all : null;
                },
                TimeSpan.FromSeconds(60),
                "every job the previous release left, done"
            );
            output.WriteLine($"this release finished the previous one's work in {watch.Elapsed.TotalSeconds:F0} s");

            Assert.DoesNotContain(jobs, j => j.State == "Failed");
            Assert.Equal(3, slack.TopLevel.Count); // two alerts and the digest, once each
            Assert.Contains("Cancelled 20 queued tasks", ankaaDone.Body.ToString());
            Assert.Contains("Cancelled 20 queued tasks", forteDone.Body.ToString());
            Assert.True(braket.RequestsOf(BraketOperations.SearchSpendingLimits).Count > 1, "the limit sync ran again");
        }
        Assert.All([.. ankaa, .. forte], t => Assert.Equal(QuantumTaskStatus.Cancelling, braket.Task(t.QuantumTaskArn).Status));
        // A cancel sent by both releases is one cancellation: the same clientToken.
        Assert.All(braket.RequestsOf(BraketOperations.CancelQuantumTask).GroupBy(r => r.Path), sent =>
            Assert.Single(sent.Select(r => JsonDocument.Parse(r.Body!).RootElement.GetProperty("clientToken").GetString()).Distinct())
        );
        Assert.Empty(slack.Unexpected);
        Assert.Empty(braket.Unexpected);

        FakeSlack.Message? Outcome(string device) =>
            slack.TopLevel.FirstOrDefault(m =>
                m.Body.ToString() is var body
                && body.Contains(device, StringComparison.Ordinal)
                && body.Contains("Cancelled 20", StringComparison.Ordinal)
            );
    }

    private static bool ScansAnkaa(string body) => body.Contains(Tasks.AnkaaArn, StringComparison.Ordinal);

    private static string? InFlight(FakeBraket braket, FakeSlack slack)
    {
        var searches = braket.RequestsOf(BraketOperations.SearchQuantumTasks).Select(r => r.Body!).ToList();
        return
            slack.TopLevel.Count > 0
            && braket.RequestsOf(BraketOperations.CancelQuantumTask).Count > 0
            && searches.Any(b => b.Contains(Tasks.ForteArn, StringComparison.Ordinal))
            && searches.Any(b => !b.Contains("deviceArn", StringComparison.Ordinal))
            && braket.RequestsOf(BraketOperations.SearchSpendingLimits).Count > 0
            ? "in flight"
            : null;
    }

    /// <summary>The dashboard's "Trigger now" on the digest, as the previous release takes it (Basic authentication, a form).</summary>
    private static HttpRequestMessage TriggerDigest()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/hangfire/recurring/trigger")
        {
            Content = new FormUrlEncodedContent([new("jobs[]", DigestJob.Id)]),
        };
        var credentials = System.Text.Encoding.UTF8.GetBytes($"{DashboardUser}:{DashboardPassword}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(credentials));
        return request;
    }

    private sealed record Job(long Id, string State, string Invocation);

    /// <summary>Hangfire's jobs, as its PostgreSQL tables hold them.</summary>
    private static async Task<IReadOnlyList<Job>> JobsAsync(TestDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        const string query = "select id, coalesce(statename, ''), invocationdata::text from hangfire.job order by id";
        await using var command = new NpgsqlCommand(query, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var jobs = new List<Job>();
        while (await reader.ReadAsync())
            jobs.Add(new Job(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        return jobs;
    }

    private static async Task<T> WaitAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } value)
                return value;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Waited {timeout} for {what}.");
            await Task.Delay(200);
        }
    }
}
