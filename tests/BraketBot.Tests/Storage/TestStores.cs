using BraketBot.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace BraketBot.Tests.Storage;

/// <summary>A store of each role over one fresh state, and the clock a test moves.</summary>
public sealed class TestStores(StoreRoles roles, FakeTimeProvider time, TestDatabase? database) : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2022, 4, 10, 12, 0, 0, TimeSpan.Zero);

    public StoreRoles Roles => roles;

    public FakeTimeProvider Time => time;

    /// <summary>Time passes for the host and, with PostgreSQL, for the database, whose clock times every lease.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        time.Advance(by);
        if (database is not null)
            await database.AdvanceLeasesAsync(by);
    }

    public ValueTask DisposeAsync() => database?.DisposeAsync() ?? ValueTask.CompletedTask;
}
