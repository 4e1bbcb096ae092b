using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using BraketBot.Braket;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;

namespace BraketBot.Tests.Support;

/// <summary>
/// The real BraketBot host on Kestrel (real HTTP on loopback), wired to WireMock fakes of Braket and
/// Slack, with test AWS credentials and a clock set to <see cref="Today"/>.
/// </summary>
public sealed class BotFactory : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Today = new(2022, 4, 10, 12, 0, 0, TimeSpan.Zero);

    /// <param name="configured">Every setting given, or none.</param>
    /// <param name="realHttp">Kestrel on loopback; the in-memory test server where a test wants the start-up exception itself.</param>
    /// <param name="braket">A fake shared with other hosts (several instances of one deployment).</param>
    /// <param name="slack">Likewise.</param>
    /// <param name="now">Where the clock starts: <see cref="Today"/> unless a test shares the store with a real process (which keeps real
    /// time).</param>
    public BotFactory(
        bool configured = true,
        bool realHttp = true,
        FakeBraket? braket = null,
        FakeSlack? slack = null,
        DateTimeOffset? now = null
    )
    {
        Clock = new TestClock(now ?? Today);
        ownsFakes = braket is null;
        Braket = braket ?? new FakeBraket();
        Slack = slack ?? new FakeSlack();
        if (configured)
            foreach (var (key, value) in FullSettings(Braket.Url, Slack.ApiBase))
                Settings[key] = value;
        this.realHttp = realHttp;
        if (realHttp)
            UseKestrel(0);
    }

    private readonly bool realHttp;

    private readonly bool ownsFakes;

    private bool disposed;

    public FakeBraket Braket { get; }

    public FakeSlack Slack { get; }

    public TestClock Clock { get; }

    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>Settings changed while the host runs; a shared host's tests set theirs here.</summary>
    public LiveSettings Live { get; } = new();

    /// <summary>Set before the host starts: an in-memory store that <see cref="ResettableStore.Reset"/> empties between tests.</summary>
    public bool ResettableStore { get; init; }

    /// <summary>How long the host gives its work to finish when it stops (the default is 30 seconds).</summary>
    public TimeSpan? ShutdownTimeout { get; set; }

    /// <summary>Changes to the host's services for one test (a dependency that fails), made after the host's own.</summary>
    public List<Action<IServiceCollection>> TestServices { get; } = [];

    public ImmutableCredentials Credentials { get; set; } = TestSettings.Credentials;

    public static Dictionary<string, string?> FullSettings(Uri braketUrl, Uri slackApi) => TestSettings.For(braketUrl, slackApi);

    /// <summary>A client of the host's real Kestrel address (the host starts on first use).</summary>
    public HttpClient Client()
    {
        if (!realHttp)
            return CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri(address) });
    }

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>GET /readyz: its status and its report.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Report)> ReadinessAsync()
    {
        using var client = Client();
        var response = await client.GetAsync("/readyz");
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    /// <summary>Waits until /readyz answers 200 (a link is up) and returns its report.</summary>
    public async Task<JsonElement> WaitUntilReadyAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var (status, report) = await ReadinessAsync();
            if (status == HttpStatusCode.OK)
                return report;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Never ready: {report}");
            await Task.Delay(25);
        }
    }

    /// <summary>
    /// Waits until the host has nothing left in flight: every command answered, every Home tab published, no Hangfire job
    /// queued, running or scheduled, no enforcement run going. A negative check made after this
    /// cannot pass merely because the unwanted work came late.
    /// </summary>
    public async Task SettleAsync(TimeSpan? timeout = null)
    {
        var queue = Service<BraketBot.Interactions.CommandQueue>();
        var runs = Service<BraketBot.Enforcement.RunWorker>();
        var homeTabs = Service<BraketBot.Home.HomePublisher>();
        var storage = Service<Hangfire.JobStorage>();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        for (var idle = 0; idle < 3; await Task.Delay(50))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("The host did not settle: work was still in flight.");
            var jobs = storage.GetMonitoringApi();
            var enqueued = BraketBot.Jobs.JobQueues.Served.Sum(jobs.EnqueuedCount);
            var busy =
                queue.Unfinished > 0
                || runs.Unfinished > 0
                || homeTabs.Unfinished > 0
                || enqueued > 0
                || jobs.ProcessingCount() > 0
                || jobs.ScheduledCount() > 0;
            idle = busy ? 0 : idle + 1;
        }
    }

    /// <summary>
    /// The spending limits' sync of a start, as a test's reset makes it after emptying the store. The renewal tick (each minute)
    /// finds the store empty too and may hold the sync's guard at that moment; then this waits for it (<paramref name="settle"/>,
    /// every host on the store) and syncs after it.
    /// </summary>
    public async Task SyncLimitsAsync(Func<Task> settle)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Service<BraketBot.Limits.LimitSyncJob>().SyncNowAsync("test reset", CancellationToken.None);
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                await settle();
            }
        }
    }

    /// <summary>
    /// The fake's own price list in force again, as after a start (a test may have changed it or made it unreadable), once the
    /// read at start is over (it would otherwise put the list it read in force later).
    /// </summary>
    public async Task RefreshPriceListAsync()
    {
        await Service<BraketBot.Prices.PriceSync>().FirstRead;
        await Service<BraketBot.Prices.PriceRefresher>().RefreshAsync(CancellationToken.None);
    }

    /// <summary>Runs on PostgreSQL (Hangfire and the bot's state) instead of in memory.</summary>
    public BotFactory OnPostgres(string connectionString)
    {
        Settings["Storage:Provider"] = "PostgreSql";
        Settings["ConnectionStrings:Postgres"] = connectionString;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        builder.ConfigureAppConfiguration(configuration => configuration.Add(Live));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            if (ShutdownTimeout is { } shutdown)
                services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdown);
            if (ResettableStore)
            {
                services.AddSingleton(sp => new ResettableStore(sp.GetRequiredService<TimeProvider>()));
                services.AddSingleton<IClaimStore>(sp => sp.GetRequiredService<ResettableStore>());
                services.AddSingleton<IGuardStore>(sp => sp.GetRequiredService<ResettableStore>());
                services.AddSingleton<IKeyValueStore>(sp => sp.GetRequiredService<ResettableStore>());
                services.AddSingleton<IRunStore>(sp => sp.GetRequiredService<ResettableStore>());
                services.AddSingleton<ILedgerStore>(sp => sp.GetRequiredService<ResettableStore>());
                services.AddSingleton<IExpiringEntries>(sp => new ResettableEntries(sp.GetRequiredService<TimeProvider>()));
            }
            services.AddSingleton<IAwsCredentialsSource>(new StaticCredentials(() => Credentials));
            // The SQS client's, in place of the SDK's default chain (moto takes any keys).
            services.AddSingleton<AWSCredentials>(_ => new BasicAWSCredentials(Credentials.AccessKey, Credentials.SecretKey));
            foreach (var change in TestServices)
                change(services);
            // Retries as in production, minus the waiting.
            services.ConfigureAll<HttpStandardResilienceOptions>(o => o.Retry.Delay = TimeSpan.FromMilliseconds(5));
        });
    }

    protected override void Dispose(bool disposing)
    {
        // Once: a test class may stop the host itself before its fixture is disposed.
        if (disposed)
            return;
        disposed = true;
        base.Dispose(disposing);
        if (!ownsFakes)
            return;
        Braket.Dispose();
        Slack.Dispose();
    }
}
