using Npgsql;

namespace BraketBot.Tests.Support;

/// <summary>A fresh database for one test, dropped afterwards.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public static string? Server => Environment.GetEnvironmentVariable("BRAKETBOT_TEST_POSTGRES");

    /// <summary>Why a test that needs PostgreSQL is skipped here; null where a server is named.</summary>
    public static string? Unavailable =>
        Server is null ? "Set BRAKETBOT_TEST_POSTGRES to a PostgreSQL connection string to run this test (.ci/run does)." : null;

    private readonly string name = "braketbot_test_" + Guid.NewGuid().ToString("N")[..12];

    private TestDatabase() { }

    public string ConnectionString => new NpgsqlConnectionStringBuilder(Server) { Database = name, Pooling = true }.ConnectionString;

    public static async Task<TestDatabase> CreateAsync()
    {
        var database = new TestDatabase();
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {database.name}", connection);
        await command.ExecuteNonQueryAsync();
        return database;
    }

    /// <summary>
    /// As if the database's clock moved on by <paramref name="by"/>: every lease, claim, guard and quota bucket is that
    /// much older (the store times them all by the database's now(), which a test cannot move).
    /// </summary>
    public async Task AdvanceLeasesAsync(TimeSpan by)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            UPDATE braketbot.claims SET expires_at = expires_at - @by;
            UPDATE braketbot.guards SET expires_at = expires_at - @by;
            UPDATE braketbot.enforcement_runs SET lease_until = lease_until - @by, updated_at = updated_at - @by;
            UPDATE braketbot.entries SET expires_at = expires_at - @by;
            """,
            connection
        );
        command.Parameters.AddWithValue("by", by);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
