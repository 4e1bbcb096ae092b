namespace BraketBot.Tests.Support;

/// <summary>
/// Health's two kinds, shared by a collection (<see cref="HealthHosts"/>): the fixture's own configured host, and an unconfigured
/// one (no setting but <see cref="DetailsToken"/>). Each test picks its caller, this machine unless it says otherwise.
/// </summary>
public sealed class HealthFixture : AppFixture
{
    public const string DetailsToken = "details-for-ops";

    public HealthFixture()
        : base(RemoteCaller.On)
    {
        Unconfigured = new BotFactory(configured: false);
        Unconfigured.Settings["Health:DetailsToken"] = DetailsToken;
        RemoteCaller.On(Unconfigured);
        Unconfigured.Client().Dispose();
    }

    /// <summary>Started without settings: it runs, unready, and says which settings are missing.</summary>
    public BotFactory Unconfigured { get; }

    /// <summary>Every request to either host as if from another machine, until the next test.</summary>
    public void FromElsewhere()
    {
        Bot.Service<RemoteCaller>().Current = RemoteCaller.Address;
        Unconfigured.Service<RemoteCaller>().Current = RemoteCaller.Address;
    }

    /// <summary>Also the unconfigured host's: this machine's callers again, and its own settings.</summary>
    public override async Task ResetAsync()
    {
        await base.ResetAsync();
        Bot.Service<RemoteCaller>().Current = null;
        Unconfigured.Service<RemoteCaller>().Current = null;
        Unconfigured.Live.Clear();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            Unconfigured.Dispose();
        base.Dispose(disposing);
    }
}
