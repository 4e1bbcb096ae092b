using BraketBot.Jobs;
using BraketBot.Tests.Support;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace BraketBot.Tests.Hosting;

/// <summary>
/// During a rolling upgrade the older instance's scheduler cannot load a recurring job this release
/// reshaped, and after five tries Hangfire disables it; the keeper enables it again within a minute.
/// </summary>
[Collection(EnforcementHost.Name)]
public sealed class RecurringJobsKeeperTests(AppFixture fixture) : IntegrationTests(fixture)
{
    [Fact]
    public async Task A_recurring_job_an_older_scheduler_disabled_is_enabled_again_by_the_next_pass()
    {
        var bot = Bot;
        var storage = bot.Service<JobStorage>();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var keeper = new RecurringJobsKeeper(
            bot.Services.GetServices<IRecurringJobs>(),
            bot.Service<IRecurringJobManager>(),
            time,
            NullLogger<RecurringJobsKeeper>.Instance
        );
        await keeper.StartAsync(CancellationToken.None);
        Assert.True(Enabled(storage), "registered at start");

        DisableAsAnOlderSchedulerDoes(storage);
        Assert.False(Enabled(storage));

        // The keeper's loop starts on a thread of its own: each minute that passes is a pass it may be waiting for.
        await WaitAsync(() =>
        {
            time.Advance(RecurringJobsKeeper.Interval);
            return Enabled(storage);
        });
        await keeper.StopAsync(CancellationToken.None);
    }

    /// <summary>What Hangfire's scheduler writes when it gives up on a job it cannot load: no next run, the error.</summary>
    private static void DisableAsAnOlderSchedulerDoes(JobStorage storage)
    {
        using var connection = storage.GetConnection();
        using var transaction = connection.CreateWriteTransaction();
        transaction.SetRangeInHash(
            $"recurring-job:{ReconcileJob.Id}",
            new Dictionary<string, string>
            {
                ["NextExecution"] = "",
                ["RetryAttempt"] = "5",
                ["Error"] = "Could not load type 'BraketBot.Enforcement.ReconcileArgs' from assembly 'BraketBot'.",
            }
        );
        transaction.AddToSet("recurring-jobs", ReconcileJob.Id, -1.0);
        transaction.Commit();
    }

    private static bool Enabled(JobStorage storage)
    {
        using var connection = storage.GetConnection();
        var job = connection.GetAllEntriesFromHash($"recurring-job:{ReconcileJob.Id}");
        return job is not null
            && !string.IsNullOrEmpty(job.GetValueOrDefault("NextExecution"))
            && string.IsNullOrEmpty(job.GetValueOrDefault("Error"));
    }

    private static async Task WaitAsync(Func<bool> passed)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!passed())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("The recurring job was not enabled again.");
            await Task.Delay(50);
        }
    }
}
