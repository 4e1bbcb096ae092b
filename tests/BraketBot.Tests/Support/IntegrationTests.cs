using Microsoft.Extensions.DependencyInjection;

namespace BraketBot.Tests.Support;

/// <summary>
/// A test on its collection's shared host (<see cref="EnforcementHost"/>, <see cref="CommandsHost"/>, <see cref="ReportsHost"/>):
/// it starts clean, its settings apply the moment they are set, and it fails if the fakes met a call it did not arrange.
/// </summary>
public abstract class IntegrationTests(AppFixture fixture) : IAsyncLifetime
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

    /// <summary>What the reconcile job evaluates, run here and now for today; the test goes on once its work (the ledger's scan
    /// and any run it started) is done.</summary>
    protected async Task ReconcileNowAsync()
    {
        using (var scope = Bot.Services.CreateScope())
            await scope
                .ServiceProvider.GetRequiredService<CapEnforcer>()
                .EvaluateAsync(
                    new EvaluationRequest(null, Day.Of(Clock.GetUtcNow(), TimeZoneInfo.Utc), "the test's reconcile", Reconcile: true),
                    CancellationToken.None
                );
        await SettleAsync();
    }

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
