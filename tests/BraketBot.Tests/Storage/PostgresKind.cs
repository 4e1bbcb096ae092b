using BraketBot.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace BraketBot.Tests.Storage;

/// <summary>The stores that several instances share, each suite's tests on a database of its own.</summary>
public sealed class PostgresKind : IStoreKind
{
    public static string? Unavailable => TestDatabase.Unavailable;

    public static async Task<TestStores> OpenAsync()
    {
        var time = new FakeTimeProvider(TestStores.Start);
        var database = await TestDatabase.CreateAsync();
        return new TestStores(StoreRoles.OnPostgres(database.ConnectionString, time), time, database);
    }
}
