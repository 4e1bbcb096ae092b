using BraketBot.Hosting;
using BraketBot.Slack.SocketMode;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BraketBot.Tests.Support;

/// <summary>
/// The host of <see cref="SocketModeHost"/>: Slack over Socket Mode (an app token, no signing secret) to a
/// <see cref="FakeSocketMode"/> server of its own, with the host's log lines captured. A test starts the host's Socket Mode
/// client itself (<see cref="StartSocketModeAsync"/>), as a host starts it, so that its connections are counted from the
/// first; the reset stops the client whatever its link was left in (dropped, disabled, retrying), and forgets the links.
/// </summary>
public sealed class SocketModeFixture : AppFixture
{
    public const string AppToken = "xapp-1-A123456-1-0123456789abcdef";

    private bool started = true;

    private SocketModeFixture(FakeSocketMode socket, CapturedLog logs)
        : base(bot =>
        {
            bot.Slack.SocketModeUrls = socket.NextUrl;
            bot.Settings["Slack:AppToken"] = AppToken;
            bot.Settings.Remove("Slack:SigningSecret");
            bot.TestServices.Add(services => services.AddSingleton<ILoggerProvider>(logs));
        })
    {
        Socket = socket;
        Logs = logs;
    }

    // xunit builds a collection fixture synchronously; the fake must listen before the host starts.
    public SocketModeFixture()
        : this(FakeSocketMode.StartAsync().GetAwaiter().GetResult(), new CapturedLog()) { }

    public FakeSocketMode Socket { get; }

    /// <summary>Every line the host logged since it started (a test looks for lines naming its own envelopes).</summary>
    public CapturedLog Logs { get; }

    private BackgroundService SocketModeService => Bot.Services.GetServices<IHostedService>().OfType<SocketModeClient>().Single();

    /// <summary>Starts the Socket Mode client, as the host does when it starts; once a test.</summary>
    public async Task StartSocketModeAsync()
    {
        if (started)
            return;
        started = true;
        await SocketModeService.StartAsync(CancellationToken.None);
    }

    /// <summary>
    /// Stops the Socket Mode client (its connection closed, a reconnect's backoff cut short), breaks any link left open, and
    /// puts the link's readiness back as at start; then what every shared host resets.
    /// </summary>
    public override async Task ResetAsync()
    {
        if (started)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await SocketModeService.StopAsync(timeout.Token);
            started = false;
        }
        await Socket.ResetAsync();
        Bot.Service<LinkStatus<SocketModeClient>>().Down("Starting.");
        await base.ResetAsync();
    }

    protected override void Dispose(bool disposing)
    {
        // The host first, so that it closes its connection to a server that is still there.
        base.Dispose(disposing);
        if (disposing)
            Socket.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
