
namespace BraketBot.Tests.Support;

/// <summary>
/// One running BraketBot for a whole test class (xUnit's collection of it), with its fakes. Tests
/// share the process, not their state: <see cref="IntegrationTests"/> hands each test the host
/// settled and emptied, with its own settings.
/// </summary>
public sealed class AppFixture : IDisposable
{
    public AppFixture()
    {
        Bot = new BotFactory { ResettableStore = true };
        Client = Bot.Client();
    }

    public BotFactory Bot { get; }

    public HttpClient Client { get; }

    /// <summary>
    /// Waits out the last test's work, then empties the fakes, the store, the device cache and the live
    /// settings; and syncs the spending limits as the host does at start, so that the store holds their
    /// next renewal again (an empty store would have the next tick sync in the middle of a test).
    /// </summary>
    public async Task ResetAsync()
    {
        await Bot.SettleAsync();
        Bot.Live.Clear();
        Bot.Clock.Shift = TimeSpan.Zero;
        ((ResettableStore)Bot.Service<IBotStore>()).Reset();
        Bot.Service<DeviceCatalogCache>().Snapshot = null;
        await Bot.Service<BraketBot.Limits.LimitSyncJob>().SyncNowAsync("test reset", CancellationToken.None);
        Bot.Service<BraketBot.Limits.SpendingLimitsSnapshot>().Current = null;
        Bot.Braket.Reset();
        Bot.Slack.Reset();
        // The fake's own price list again, in force as after a start (a test may have changed it or made it unreadable),
        // once the read at start is over (it would otherwise put the list it read in force later).
        await Bot.Service<BraketBot.Prices.PriceSync>().FirstRead;
        await Bot.Service<BraketBot.Prices.PriceRefresher>().RefreshAsync(CancellationToken.None);
    }

    public void Dispose()
    {
        Client.Dispose();
        Bot.Dispose();
    }
}

/// <summary>
/// A test on a class's shared host: it starts clean, its settings apply the moment they are set,
/// and it fails if the fakes met a call they do not know.
/// </summary>
public abstract class IntegrationTests(AppFixture fixture) : IClassFixture<AppFixture>, IAsyncLifetime
{
    protected BotFactory Bot => fixture.Bot;

    protected FakeBraket Braket => fixture.Bot.Braket;

    protected FakeSlack Slack => fixture.Bot.Slack;

    protected TestClock Clock => fixture.Bot.Clock;

    protected HttpClient Client => fixture.Client;

    protected LiveSettings Settings => fixture.Bot.Live;

    /// <summary>Sends <c>/braket TEXT</c> as Slack does, signed; the answer goes to the fake's response URL <paramref name="responseId"/>.</summary>
    protected Task<HttpResponseMessage> SendCommandAsync(string text, string responseId, string userId = "U2147483697") =>
        Client.SendAsync(SlackRequests.Signed("/slack/commands", SlackRequests.CommandBody(text, Slack.ResponseUrl(responseId), userId), Clock.GetUtcNow()));

    /// <summary>Clicks a button as Slack reports it, signed; answers go to the fake's response URL <paramref name="responseId"/>.</summary>
    protected Task<HttpResponseMessage> ClickAsync(string actionId, string value, string responseId, string userId = "U2147483697") =>
        Client.SendAsync(SlackRequests.Signed("/slack/interactions", SlackRequests.ButtonBody(actionId, value, Slack.ResponseUrl(responseId), userId), Clock.GetUtcNow()));

    /// <summary>Waits until the host has nothing in flight; negative checks come after it.</summary>
    protected Task SettleAsync() => fixture.Bot.SettleAsync();

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        Arrange();
    }

    /// <summary>What every test of the class starts from (devices in the fake, settings), after the reset.</summary>
    protected virtual void Arrange()
    {
    }

    public async Task DisposeAsync()
    {
        await fixture.Bot.SettleAsync();
        Assert.Empty(Slack.Unexpected);
        Assert.Empty(Braket.Unexpected);
    }
}
