using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace BraketBot.Tests.Support;

/// <summary>
/// The host of <see cref="QueueHost"/>: Braket's events from an SQS queue on moto's server, the webhook's API key unset, and
/// Hangfire's client behind a <see cref="ResettableJobClient"/>. The host reads the queue's URL once, at start, so the tests
/// share the queue and the reset purges it. Without moto the host starts with no queue (the tests are skipped).
/// </summary>
public sealed class QueueFixture : AppFixture
{
    private readonly MotoQueue? queue;

    private QueueFixture(MotoQueue? queue)
        : base(bot =>
        {
            queue?.Configure(bot);
            bot.TestServices.Add(services =>
            {
                var real = services.Last(d => d.ServiceType == typeof(IBackgroundJobClient));
                services.Remove(real);
                services.AddSingleton(sp => new ResettableJobClient((IBackgroundJobClient)real.ImplementationFactory!(sp)));
                services.AddSingleton<IBackgroundJobClient>(sp => sp.GetRequiredService<ResettableJobClient>());
            });
        }) => this.queue = queue;

    // xunit builds a collection fixture synchronously; the queue must exist before the host starts.
    public QueueFixture()
        : this(MotoServer.Installed ? MotoQueue.StartAsync().GetAwaiter().GetResult() : null) { }

    public MotoQueue Queue => queue ?? throw new InvalidOperationException("moto's server is not installed.");

    /// <summary>This test's Hangfire client: it fails the hand-overs the test asks it to, and counts.</summary>
    public FlakyJobClient Jobs => Bot.Service<ResettableJobClient>().Current;

    /// <summary>The queue emptied (what a failed test left), then what every shared host resets, then a fresh job client.</summary>
    public override async Task ResetAsync()
    {
        await Queue.PurgeAsync();
        await base.ResetAsync();
        Bot.Service<ResettableJobClient>().Reset();
    }

    protected override void Dispose(bool disposing)
    {
        // The host first, so that its poller stops before the queue goes.
        base.Dispose(disposing);
        if (disposing && queue is not null)
            queue.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
