using BraketBot.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace BraketBot.Tests.Support;

/// <summary>One store of each role over one shared state (the in-memory claims, or one database), as a host has them.</summary>
public sealed record StoreRoles(IClaimStore Claims, IGuardStore Guards, IKeyValueStore Values, IRunStore Runs, ILedgerStore Ledger)
{
    public static StoreRoles InMemory(TimeProvider time)
    {
        var claims = new InMemoryClaims();
        return new(
            new InMemoryClaimStore(claims, time),
            new InMemoryGuardStore(time),
            new InMemoryKeyValueStore(),
            new InMemoryRunStore(claims, time),
            new InMemoryLedgerStore(time)
        );
    }

    /// <param name="time">The host's clock: the database times the leases by its own.</param>
    public static StoreRoles OnPostgres(string connectionString, TimeProvider time)
    {
        var database = new PostgresCommands(new PostgresDatabase(connectionString, NullLogger<PostgresDatabase>.Instance), time);
        return new(
            new PostgresClaimStore(database),
            new PostgresGuardStore(database),
            new PostgresKeyValueStore(database),
            new PostgresRunStore(database),
            new PostgresLedgerStore(database, time)
        );
    }
}
