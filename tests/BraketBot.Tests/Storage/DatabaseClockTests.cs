using BraketBot.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static BraketBot.Tests.Storage.StoredRuns;

namespace BraketBot.Tests.Storage;

/// <summary>
/// Several hosts on one PostgreSQL database: the database's clock times every lease, claim and guard, whatever the
/// hosts' clocks say. (In memory there is one host, and one clock.)
/// </summary>
public sealed class DatabaseClockTests
{
    [PostgresFact]
    public async Task Hosts_whose_clocks_are_a_minute_apart_agree_on_every_lease_by_the_database_clock()
    {
        await using var database = await TestDatabase.CreateAsync();
        var start = new DateTimeOffset(2022, 4, 10, 12, 0, 0, TimeSpan.Zero);
        var slow = new FakeTimeProvider(start);
        var fast = new FakeTimeProvider(start.AddMinutes(1));
        var a = StoreRoles.OnPostgres(database.ConnectionString, slow);
        var b = StoreRoles.OnPostgres(database.ConnectionString, fast);
        var lease = TimeSpan.FromSeconds(30);

        // Host a, on the slow clock, holds a run with its claim, a guard and a claim of its own.
        Assert.True(await a.Runs.TryCreateRunAsync(Run("r1", start), ClaimsFor(start, "cancel-task:1"), "host-a", lease, default));
        Assert.True(await a.Guards.TryTakeGuardAsync("spending-limits:sync", "host-a", lease, default));
        Assert.True(await a.Claims.TryClaimAsync("event:1", start.AddSeconds(30), default));

        // Host b, a minute ahead, past every one of a's expiries by its own clock, finds them all live.
        Assert.Empty(await b.Runs.StalledRunsAsync(default));
        Assert.Null(await b.Runs.TryTakeRunAsync("r1", "host-b", lease, default));
        Assert.False(await b.Guards.TryTakeGuardAsync("spending-limits:sync", "host-b", lease, default));
        Assert.Equal(GuardOutcome.Queued, await b.Guards.BeginGuardAsync("spending-limits:sync", "host-b", lease, default));
        Assert.False(await b.Claims.TryClaimAsync("event:1", fast.GetUtcNow().AddSeconds(30), default));
        Assert.Equal(["cancel-task:1", "event:1"], (await b.Claims.ClaimedAsync(["cancel-task:1", "event:1"], default)).Order());
        Assert.True(await a.Runs.SaveRunAsync(Run("r1", start), "host-a", lease, default));

        // Once the database's clock passes the leases, another host takes them over, and the old holder knows it lost.
        await database.AdvanceLeasesAsync(TimeSpan.FromSeconds(31));
        Assert.Equal(["r1"], await b.Runs.StalledRunsAsync(default));
        Assert.NotNull(await b.Runs.TryTakeRunAsync("r1", "host-b", lease, default));
        Assert.False(await a.Runs.SaveRunAsync(Run("r1", start), "host-a", lease, default));
        Assert.True(await b.Guards.TryTakeGuardAsync("spending-limits:sync", "host-b", lease, default));
        Assert.False(await a.Guards.RenewGuardAsync("spending-limits:sync", "host-a", lease, default));
        Assert.True(await b.Claims.TryClaimAsync("event:1", fast.GetUtcNow().AddSeconds(30), default));
    }
}
