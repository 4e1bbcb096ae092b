using BraketBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BraketBot.Tests.Enforcement;

/// <summary>
/// The warm-ups are what keep a new process's first cancel fast; each swallows its own failure (never a reason not to start),
/// so only these tests notice when a change to the path one walks (an evaluation's job arguments, a run's view, Braket's wire,
/// a stored run) breaks it.
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
    public async Task The_storage_warm_up_writes_and_reads_a_run_with_its_crossed_caps_without_failing()
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
}
