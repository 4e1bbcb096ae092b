namespace BraketBot.Tests.Support;

/// <summary>
/// One running BraketBot for a whole collection of test classes (<see cref="EnforcementHost"/>,
/// <see cref="CommandsHost"/>, <see cref="ReportsHost"/>), with its fakes. Tests share the process, not their state:
/// <see cref="IntegrationTests"/> hands each test the host settled and emptied, with its own settings.
/// </summary>
public class AppFixture : IDisposable
{
    public AppFixture()
        : this(_ => { }) { }

    /// <param name="configure">The kind of configuration a collection shares (Socket Mode, a queue, a dashboard), set before the
    /// host starts.</param>
    protected AppFixture(Action<BotFactory> configure)
    {
        Bot = new BotFactory { ResettableStore = true };
        configure(Bot);
        Client = Bot.Client();
    }

    public BotFactory Bot { get; }

    public HttpClient Client { get; }

    /// <summary>
    /// Waits out the last test's work, then empties the fakes, the store, the device cache and the live
    /// settings; and syncs the spending limits as the host does at start, so that the store holds their
    /// next renewal again (an empty store would have the next tick sync in the middle of a test).
    /// </summary>
    public virtual async Task ResetAsync()
    {
        await RecoverFakesAndSettleAsync();
        Bot.Live.Clear();
        Bot.Clock.Shift = TimeSpan.Zero;
        Bot.Service<ResettableStore>().Reset();
        ((ResettableEntries)Bot.Service<IExpiringEntries>()).Reset();
        Bot.Service<DeviceCatalogCache>().Snapshot = null;
        await Bot.SyncLimitsAsync(() => Bot.SettleAsync());
        Bot.Service<BraketBot.Limits.SpendingLimitsSnapshot>().Current = null;
        Bot.Braket.Reset();
        Bot.Slack.Reset();
        await Bot.RefreshPriceListAsync();
    }

    /// <summary>
    /// A test that failed in the middle of an outage leaves its fakes failing (Slack down, Braket faulty, quotas on), and the
    /// host's work would retry against them for hours: they recover first, then the last test's work is waited out.
    /// </summary>
    protected Task RecoverFakesAndSettleAsync()
    {
        Bot.Braket.Reset();
        Bot.Slack.Reset();
        return Bot.SettleAsync();
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing)
            return;
        Client.Dispose();
        Bot.Dispose();
    }
}
