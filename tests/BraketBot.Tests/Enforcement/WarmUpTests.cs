using BraketBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BraketBot.Tests.Enforcement;

/// <summary>
/// The warm-ups are what keep a new process's first cancel fast; each swallows its own failure (never a reason not to start),
/// so only these tests notice when a change to the path one walks (an evaluation's job arguments, a run's view, Braket's wire,
/// a stored run, the in-memory ledger, the hot path's async plumbing) breaks it.
/// </summary>
[Collection(EnforcementHost.Name)]
public sealed class WarmUpTests(AppFixture fixture) : IntegrationTests(fixture)
{
    [Fact]
    public async Task The_warm_up_walks_the_whole_enforcement_path_without_failing()
    {
        var warmUp = Bot.Services.GetServices<IHostedService>().OfType<EnforcementWarmUp>().Single();

        Assert.True(await warmUp.WarmUpAsync(), "the warm-up failed: see its warning in the log");
    }

    [Fact]
    public async Task The_storage_warm_up_writes_and_reads_a_run_and_walks_a_ledger_without_failing()
    {
        var warmUp = Bot.Services.GetServices<IHostedService>().OfType<BraketBot.Storage.StorageWarmUp>().Single();

        Assert.True(await warmUp.WarmUpAsync(), "the warm-up failed: see its warning in the log");
    }

    [Fact]
    public async Task The_braket_warm_up_signs_and_reads_a_breachs_calls_without_failing()
    {
        var warmUp = Bot.Services.GetServices<IHostedService>().OfType<BraketBot.Braket.SignerWarmUp>().Single();

        Assert.True(await warmUp.WarmUpAsync(), "the warm-up failed: see its warning in the log");
    }

    [Fact]
    public async Task The_hot_path_is_compiled_at_start_without_failing()
    {
        var warmUp = Bot.Services.GetServices<IHostedService>().OfType<BraketBot.Hosting.HotPathWarmUp>().Single();

        Assert.True(await warmUp.WarmUpAsync(), "the hot path's preparation failed: see its warning in the log");
        var report = await warmUp.Preparing;
        Assert.True(report.RuntimeKnown && report.Failed == 0 && report.Machines > 100, report.ToString());
    }

    [Fact]
    public async Task The_ledger_walk_at_start_records_and_forgets_a_task_of_today()
    {
        var today = Day.Of(Clock.GetUtcNow(), TimeZoneInfo.Utc);

        var walked = await BraketBot.Storage.StorageWarmUp.WalkLedgerAsync(new BraketBot.Storage.InMemoryLedgerStore(Clock), today);

        Assert.Equal((1, 1), walked);
    }
}
