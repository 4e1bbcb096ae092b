using BraketBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BraketBot.Tests.Enforcement;

/// <summary>
/// The warm-up is what keeps a new process's first cancel fast; it swallows its own failure (never a reason not to start), so
/// only this test notices when a change to the path it walks (an evaluation's job arguments, a run's view) breaks it.
/// </summary>
[Collection(EnforcementHost.Name)]
public sealed class EnforcementWarmUpTests(AppFixture fixture) : IntegrationTests(fixture)
{
    [Fact]
    public void The_warm_up_walks_the_whole_enforcement_path_without_failing()
    {
        var warmUp = Bot.Services.GetServices<IHostedService>().OfType<EnforcementWarmUp>().Single();

        Assert.True(warmUp.WarmUp(), "the warm-up failed: see its warning in the log");
    }
}
