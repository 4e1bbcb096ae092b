using BraketBot.Hosting;
using BraketBot.Ports;

namespace BraketBot.Storage;

/// <summary>
/// The quota buckets shared by every instance on the database: one row per account, region and operation, refilled
/// and taken from in one statement (the row's lock orders concurrent takers) by the database's clock.
/// </summary>
[HotPath]
public sealed class PostgresQuotaBuckets(PostgresDatabase database) : IQuotaBuckets
{
    private const string S = PostgresDatabase.Schema;

    public async Task<double> TakeAsync(
        string key,
        double rate,
        double capacity,
        int count,
        int returned,
        CancellationToken cancellationToken
    )
    {
        await database.EnsureReadyAsync();
        // The refill runs from the row's last take to this statement's time; a taker that waited for the row's lock
        // may carry an earlier time, so neither the refill nor the row's time ever goes backwards.
        await using var command = database.DataSource.CreateCommand(
            $"""
            INSERT INTO {S}.quota_buckets AS b (key, tokens, updated_at) VALUES (@key, @capacity - @count, clock_timestamp())
            ON CONFLICT (key) DO UPDATE SET
                tokens = least(@capacity,
                    b.tokens + @returned + @rate * greatest(0, extract(epoch FROM EXCLUDED.updated_at - b.updated_at)::float8)) - @count,
                updated_at = greatest(b.updated_at, EXCLUDED.updated_at)
            RETURNING tokens + @count
            """
        );
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("rate", rate);
        command.Parameters.AddWithValue("capacity", capacity);
        command.Parameters.AddWithValue("count", (double)count);
        command.Parameters.AddWithValue("returned", (double)returned);
        return (double)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
