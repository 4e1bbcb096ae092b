namespace BraketBot.Tests.Support;

/// <summary>
/// A host a test has to itself, for what a shared host cannot show: a start (without configuration, or with a setting read
/// only at start) or a stop. Its fakes outlive it, so that a test reads what they saw once the host stopped.
/// </summary>
public sealed class OwnHost : IDisposable
{
    private HttpClient? client;

    /// <param name="configured">Every setting given, or none.</param>
    public OwnHost(bool configured = true) => Bot = new BotFactory(configured, braket: Braket, slack: Slack);

    public FakeBraket Braket { get; } = new();

    public FakeSlack Slack { get; } = new();

    public BotFactory Bot { get; }

    /// <summary>Settings read at start: set before the first use of <see cref="Client"/> or of the host's services.</summary>
    public Dictionary<string, string?> Settings => Bot.Settings;

    /// <summary>A client of the host's real address; the host starts on first use.</summary>
    public HttpClient Client => client ??= Bot.Client();

    /// <summary>Stops the host as SIGTERM does, its work given the shutdown timeout to end; the fakes stay to be read.</summary>
    public ValueTask StopAsync() => Bot.DisposeAsync();

    public void Dispose()
    {
        client?.Dispose();
        Bot.Dispose();
        Braket.Dispose();
        Slack.Dispose();
    }
}
