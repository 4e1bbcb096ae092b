using Hangfire;
using Hangfire.Storage;
using Npgsql;

namespace BraketBot.Tests.Support;

/// <summary>
/// Two instances of one deployment (hosts <see cref="A"/> and <see cref="B"/>) on one PostgreSQL database, sharing the fakes, for
/// a whole collection (<see cref="ScaleOutHosts"/>). Tests share the processes and the database's schema, not their state:
/// <see cref="HostPairTests"/> hands each test both hosts settled, the database emptied and the fakes reset. Without
/// BRAKETBOT_TEST_POSTGRES nothing starts (the tests that need the pair are skipped then).
/// </summary>
public sealed class HostPair : IAsyncLifetime
{
    /// <summary>The bot's tables that hold no test's state: the schema's migration history, and the Data Protection key ring
    /// that each host has read into memory at start.</summary>
    private static readonly string[] KeptTables = ["schema_version", "data_protection_keys"];

    /// <summary>The fields of a recurring job's hash that say what it runs, when and where (the others change with each run).</summary>
    private static readonly string[] DefiningFields = ["Job", "Cron", "TimeZoneId", "Queue"];

    private TestDatabase? database;

    /// <summary>Each recurring job as the hosts registered it at start, by id, and the fields that define it.</summary>
    private Dictionary<string, (RecurringJobDto Job, string Definition)> recurringAtStart = [];

    public bool Running => database is not null;

    public TestDatabase Database => database ?? throw new InvalidOperationException(TestDatabase.Unavailable);

    public FakeBraket Braket { get; } = new();

    public FakeSlack Slack { get; } = new();

    public BotFactory A { get; private set; } = null!;

    public BotFactory B { get; private set; } = null!;

    public HttpClient ClientA { get; private set; } = null!;

    public HttpClient ClientB { get; private set; } = null!;

    public BotFactory[] Both => [A, B];

    public async Task InitializeAsync()
    {
        if (TestDatabase.Unavailable is not null)
            return;
        database = await TestDatabase.CreateAsync();
        // One after the other: two syncs of the spending limits at start would race, and the loser's retry keep the first reset
        // waiting for ten seconds.
        (A, ClientA) = Start();
        await A.SettleAsync();
        (B, ClientB) = Start();
        using var connection = A.Service<JobStorage>().GetConnection();
        recurringAtStart = connection.GetRecurringJobs().ToDictionary(j => j.Id, j => (j, Definition(connection, j.Id)));
    }

    private (BotFactory Host, HttpClient Client) Start()
    {
        var host = new BotFactory(braket: Braket, slack: Slack).OnPostgres(Database.ConnectionString);
        // No scheduled rescan in the middle of a test (Hangfire's scheduler keeps real time, and the default is 03:30 UTC): the
        // tests run it themselves. The reconcile's tick is off already (TestSettings).
        host.Settings["Caps:RescanCron"] = "0 0 1 1 *";
        return (host, host.Client());
    }

    /// <summary>
    /// Waits out the last test's work on both hosts, then empties the bot's tables and Hangfire's jobs (the recurring jobs stay
    /// as registered at start), the hosts' live settings, clocks, keys and caches, and the fakes; and syncs the spending limits
    /// as a start does, so that the store holds their next renewal again (an empty store would have the next tick sync in the
    /// middle of a test).
    /// </summary>
    public async Task ResetAsync()
    {
        // A test that failed in the middle of an outage leaves the fakes failing, and the hosts' work would retry against them for
        // hours: they recover first, as on AppFixture's hosts.
        Braket.Reset();
        Slack.Reset();
        await SettleAsync();
        foreach (var host in Both)
        {
            host.Live.Clear();
            host.Clock.Shift = TimeSpan.Zero;
            host.Credentials = TestSettings.Credentials;
        }
        await EmptyDatabaseAsync();
        RestoreRecurringJobs();
        foreach (var host in Both)
            host.Service<DeviceCatalogCache>().Snapshot = null;
        await A.SyncLimitsAsync(() => SettleAsync());
        foreach (var host in Both)
            host.Service<BraketBot.Limits.SpendingLimitsSnapshot>().Current = null;
        await SettleAsync();
        Braket.Reset();
        Slack.Reset();
        foreach (var host in Both)
            await host.RefreshPriceListAsync();
    }

    public Task SettleAsync(TimeSpan? timeout = null) => Task.WhenAll(A.SettleAsync(timeout), B.SettleAsync(timeout));

    /// <summary>
    /// Every row a test can leave: the bot's tables but the kept ones (listed from the catalog, so a table a migration adds is
    /// emptied too), and Hangfire's jobs, queues, counters, lists, sets and hashes but the recurring jobs'. The servers' own rows
    /// (their registrations and locks) stay: both Hangfire servers go on running.
    /// </summary>
    private async Task EmptyDatabaseAsync()
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var listing = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = @schema", connection))
        {
            listing.Parameters.AddWithValue("schema", BraketBot.Storage.PostgresDatabase.Schema);
            await using var reader = await listing.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                if (!KeptTables.Contains(reader.GetString(0)))
                    tables.Add($"{BraketBot.Storage.PostgresDatabase.Schema}.{reader.GetString(0)}");
        }
        await using var empty = new NpgsqlCommand(
            $"""
            TRUNCATE {string.Join(", ", tables)};
            DELETE FROM hangfire.jobqueue;
            DELETE FROM hangfire.job;
            DELETE FROM hangfire.counter;
            DELETE FROM hangfire.aggregatedcounter;
            DELETE FROM hangfire.list;
            DELETE FROM hangfire.set WHERE key <> 'recurring-jobs';
            DELETE FROM hangfire.hash WHERE key NOT LIKE 'recurring-job:%';
            """,
            connection
        );
        await empty.ExecuteNonQueryAsync();
    }

    /// <summary>The recurring jobs as the hosts registered them at start: one a test added is removed, one it changed or removed
    /// is registered again (from the start's own definition).</summary>
    private void RestoreRecurringJobs()
    {
        var recurring = A.Service<IRecurringJobManager>();
        using var connection = A.Service<JobStorage>().GetConnection();
        foreach (var added in connection.GetRecurringJobs().Where(j => !recurringAtStart.ContainsKey(j.Id)))
            recurring.RemoveIfExists(added.Id);
        foreach (var (id, (job, definition)) in recurringAtStart)
            if (Definition(connection, id) != definition)
                recurring.AddOrUpdate(
                    id,
                    job.Job,
                    job.Cron,
                    new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(job.TimeZoneId ?? "UTC") }
                );
    }

    /// <summary>What a recurring job runs, when, and where, as stored.</summary>
    private static string Definition(IStorageConnection connection, string id)
    {
        var fields = connection.GetAllEntriesFromHash($"recurring-job:{id}") ?? new Dictionary<string, string>();
        return string.Join("|", DefiningFields.Select(f => fields.GetValueOrDefault(f)));
    }

    public async Task DisposeAsync()
    {
        if (database is not null)
        {
            ClientA.Dispose();
            ClientB.Dispose();
            A.Dispose();
            B.Dispose();
            await database.DisposeAsync();
        }
        Braket.Dispose();
        Slack.Dispose();
    }
}
