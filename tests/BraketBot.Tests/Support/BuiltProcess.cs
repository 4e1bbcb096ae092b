using System.Net;

namespace BraketBot.Tests.Support;

/// <summary>
/// What a test of the built bot as its own process (a crash, a SIGTERM, an upgrade, a second instance) starts it with: fakes of
/// Braket and Slack that outlive each process, and on PostgreSQL a fresh database that every process of the test shares.
/// </summary>
public sealed class BuiltProcess : IAsyncDisposable
{
    private BuiltProcess(TestDatabase? database) => this.database = database;

    private readonly TestDatabase? database;

    public FakeBraket Braket { get; } = new();

    public FakeSlack Slack { get; } = new();

    /// <summary>The shared database (only <see cref="OnPostgresAsync"/> has one).</summary>
    public TestDatabase Database => database ?? throw new InvalidOperationException("This process keeps its state in memory.");

    public static BuiltProcess InMemory() => new(null);

    public static async Task<BuiltProcess> OnPostgresAsync() => new(await TestDatabase.CreateAsync());

    /// <summary>A process's settings: the fakes, the database when there is one, then <paramref name="more"/>.</summary>
    public Dictionary<string, string> Settings(IReadOnlyDictionary<string, string>? more = null)
    {
        var storage = new Dictionary<string, string>();
        if (database is not null)
        {
            storage["Storage:Provider"] = "PostgreSql";
            storage["ConnectionStrings:Postgres"] = database.ConnectionString;
        }
        foreach (var (key, value) in more ?? new Dictionary<string, string>())
            storage[key] = value;
        return TestSettings.ForProcess(Braket.Url, Slack.ApiBase, storage);
    }

    /// <summary>Posts the task's state change to the running process as EventBridge does; it must be accepted.</summary>
    public static async Task DeliverAsync(BotProcess.Running process, QuantumTaskSummary task)
    {
        using var client = new HttpClient { BaseAddress = process.Address };
        Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(Events.Post(Events.TaskStateChange(task)))).StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        Slack.Dispose();
        Braket.Dispose();
        if (database is not null)
            await database.DisposeAsync();
    }
}
