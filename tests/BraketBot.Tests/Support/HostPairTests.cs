namespace BraketBot.Tests.Support;

/// <summary>
/// A test on the collection's shared <see cref="HostPair"/>: it starts with both hosts clean, its settings apply to both the
/// moment they are set, and it fails if the fakes met a call it did not arrange. Where no PostgreSQL server is named the pair does
/// not run, and only the class's tests that need none run.
/// </summary>
public abstract class HostPairTests(HostPair pair) : IAsyncLifetime
{
    protected HostPair Pair => pair;

    protected BotFactory A => pair.A;

    protected BotFactory B => pair.B;

    protected HttpClient ClientA => pair.ClientA;

    protected HttpClient ClientB => pair.ClientB;

    protected FakeBraket Braket => pair.Braket;

    protected FakeSlack Slack => pair.Slack;

    /// <summary>A setting changed on both hosts at once, as a deployment's configuration is.</summary>
    protected void SetOnBoth(string key, string? value) => SetOnBoth(new Dictionary<string, string?> { [key] = value });

    /// <summary>Several settings on both hosts, each host in one reload: a group of keys valid only together.</summary>
    protected void SetOnBoth(IReadOnlyDictionary<string, string?> settings)
    {
        foreach (var host in pair.Both)
            host.Live.Set(settings);
    }

    public async Task InitializeAsync()
    {
        if (!pair.Running)
            return;
        await pair.ResetAsync();
        Arrange();
    }

    /// <summary>What every test of the class starts from (settings, devices in the fake), after the reset.</summary>
    protected virtual void Arrange() { }

    public async Task DisposeAsync()
    {
        if (!pair.Running)
            return;
        await pair.SettleAsync();
        Assert.Empty(Slack.Unexpected);
        Assert.Empty(Braket.Unexpected);
    }
}
