using BraketBot.Hosting;
using Npgsql;

namespace BraketBot.Storage;

/// <summary>
/// The stores' way into <see cref="PostgresDatabase"/>, shared by every PostgreSQL store: commands and connections
/// from its pool once it is ready, and a caller's expiry turned into a duration for the database's clock.
/// </summary>
[HotPath]
public sealed class PostgresCommands(PostgresDatabase database, TimeProvider time)
{
    /// <summary>An open connection, for the work that takes a transaction.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await database.EnsureReadyAsync();
        return await database.DataSource.OpenConnectionAsync(cancellationToken);
    }

    /// <summary>
    /// How long from now a caller's expiry lies, by the caller's clock: the database adds it to its own now(), so that
    /// hosts whose clocks disagree still agree on who holds what.
    /// </summary>
    public TimeSpan Ttl(DateTimeOffset expiresAt) => expiresAt - time.GetUtcNow();

    public async Task<NpgsqlCommand> CommandAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await database.EnsureReadyAsync();
        var command = database.DataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return command;
    }

    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = await CommandAsync(sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Whether the statement returned a row.</summary>
    public async Task<bool> ExistsAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = await CommandAsync(sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = await CommandAsync(sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>The first column of every row.</summary>
    public async Task<IReadOnlyList<string>> StringsAsync(
        string sql,
        CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters
    )
    {
        await using var command = await CommandAsync(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
            values.Add(reader.GetString(0));
        return values;
    }
}
