using BraketBot.Home;
using BraketBot.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace BraketBot.Tests.Home;

/// <summary>
/// The refresher on the real in-memory stores, its clock the test's: a run's word the store would not take is kept and
/// written again, and a republish the full queue would not take does not use up the person's minute.
/// </summary>
public sealed class HomeRefresherTests : IAsyncLifetime, IDisposable
{
    private const string Viewer = "U0VIEWER";
    private static readonly HomeAccess Member = new(Admin: false, Budgets: []);

    /// <summary>The test's clock; it says each time the refresher sets a timer, which it does once a pass leaves work to retry.</summary>
    private sealed class Clock() : FakeTimeProvider(new DateTimeOffset(2022, 4, 10, 12, 0, 0, TimeSpan.Zero))
    {
        public SemaphoreSlim Timers { get; } = new(0);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Timers.Release();
            return base.CreateTimer(callback, state, dueTime, period);
        }
    }

    /// <summary>Entries that refuse the first <see cref="Refusals"/> writes of runs, as a database that is briefly away.</summary>
    private sealed class FlakyEntries(IExpiringEntries inner) : IExpiringEntries
    {
        public int Refusals { get; set; }

        public Task PutAsync(string setName, string key, string value, DateTimeOffset expiresAt, CancellationToken cancellationToken)
        {
            if (setName == HomeRunLog.Set && Refusals-- > 0)
                throw new InvalidOperationException("the store is away");
            return inner.PutAsync(setName, key, value, expiresAt, cancellationToken);
        }

        public Task<IReadOnlyDictionary<string, string>> ListAsync(string setName, CancellationToken cancellationToken) =>
            inner.ListAsync(setName, cancellationToken);
    }

    private readonly Clock clock = new();
    private readonly InMemoryClaimStore store;
    private readonly FlakyEntries entries;
    private readonly HomePublisher publisher = new(null!, NullLogger<HomePublisher>.Instance); // not started: its queue only fills
    private readonly HomeRefresher refresher;

    public HomeRefresherTests()
    {
        store = new InMemoryClaimStore(new InMemoryClaims(), clock);
        entries = new FlakyEntries(new InMemoryExpiringEntries(clock));
        refresher = new HomeRefresher(
            new HomeRunLog(entries, clock),
            new HomeViewers(entries, clock),
            publisher,
            store,
            clock,
            NullLogger<HomeRefresher>.Instance
        );
    }

    private EnforcementRun Run() =>
        new()
        {
            Id = "run-1",
            Kind = RunKind.CapAlert,
            Day = Day.Parse("2022-04-10"),
            TimeZone = "UTC",
            CreatedAt = clock.GetUtcNow(),
            Deadline = clock.GetUtcNow().AddMinutes(10),
        };

    private async Task TimerSet() => Assert.True(await clock.Timers.WaitAsync(TimeSpan.FromSeconds(10)), "the refresher never set a timer");

    [Fact]
    public async Task A_runs_word_the_store_refused_is_kept_and_written_again()
    {
        entries.Refusals = 1;
        await refresher.StartAsync(CancellationToken.None);

        refresher.RunChanged(Run());
        await TimerSet(); // the first pass failed and left the word to retry
        clock.Advance(TimeSpan.FromSeconds(5));

        var runs = new HomeRunLog(entries, clock);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await runs.ReadAsync(DayWindow.For(Day.Parse("2022-04-10"), TimeZoneInfo.Utc), default)).Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the run was never recorded");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task A_republish_the_full_queue_refused_gives_its_minute_back()
    {
        await new HomeViewers(entries, clock).SeenAsync(Viewer, Member, default);
        for (var i = 0; i < HomePublisher.Capacity; i++)
            Assert.True(publisher.TryEnqueue(new HomeRequest($"U{i}", Member, Viewing: false)));
        await refresher.StartAsync(CancellationToken.None);

        refresher.RunChanged(Run());
        await TimerSet(); // the pass is over: the republish waits

        Assert.True(refresher.IsWaiting(Viewer));
        Assert.Empty(await store.ClaimedAsync([HomeRefresher.ClaimKey(Viewer)], default));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => refresher.StopAsync(CancellationToken.None);

    public void Dispose()
    {
        refresher.Dispose();
        publisher.Dispose();
        clock.Timers.Dispose();
    }
}
