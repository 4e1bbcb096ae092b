namespace BraketBot.Tests.Support;

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

    /// <summary>Sends <c>/braket TEXT</c> as Slack does, signed; the answer goes to the fake's response URL <paramref
    /// name="responseId"/>.</summary>
    protected Task<HttpResponseMessage> SendCommandAsync(string text, string responseId, string userId = "U2147483697") =>
        Client.SendAsync(
            SlackRequests.Signed(
                "/slack/commands",
                SlackRequests.CommandBody(text, Slack.ResponseUrl(responseId), userId),
                Clock.GetUtcNow()
            )
        );

    /// <summary>Clicks a button as Slack reports it, signed; answers go to the fake's response URL <paramref name="responseId"/>.</summary>
    protected Task<HttpResponseMessage> ClickAsync(string actionId, string value, string responseId, string userId = "U2147483697") =>
        Client.SendAsync(
            SlackRequests.Signed(
                "/slack/interactions",
                SlackRequests.ButtonBody(actionId, value, Slack.ResponseUrl(responseId), userId),
                Clock.GetUtcNow()
            )
        );

    /// <summary>Waits until the host has nothing in flight; negative checks come after it.</summary>
    protected Task SettleAsync() => fixture.Bot.SettleAsync();

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        Arrange();
    }

    /// <summary>What every test of the class starts from (devices in the fake, settings), after the reset.</summary>
    protected virtual void Arrange() { }

    public async Task DisposeAsync()
    {
        await fixture.Bot.SettleAsync();
        Assert.Empty(Slack.Unexpected);
        Assert.Empty(Braket.Unexpected);
    }
}
